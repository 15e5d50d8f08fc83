"""The notices benchmark (bench/run.sh --suite notices): one notice to 100,000 email and 100,000
push subscribers on local receivers (bench/NoticeSinks), on SQLite and on PostgreSQL.

Per round: the receivers' ceiling (each driven alone by a bare client at the app's concurrency),
then a publish through the API, timing the 201 (every delivery row is written in the publish
transaction, so the answer means they are all there), the first arrival on each channel, and the
sustained rate between the 10th and 90th percent of arrivals. After each round, that notice's
200,000 rows are made a month old and the daily prune is run at once: how long it takes, and how
long a writer (someone subscribing) waits behind it, against the same writes before it started."""
import datetime, json, os, statistics, subprocess, time, urllib.request

import bench

SUBSCRIBERS = 100_000
ORG = "bench-energi"
STAFF, PASSWORD = "staff@bench.test", "bench-password-1"


def subscribers_sql(provider, push_url, p256dh, auth):
    now = "datetime('now')" if provider == "sqlite" else "now()"
    series = (f"WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {SUBSCRIBERS}) " if provider == "sqlite" else "")
    numbers = "g" if provider == "sqlite" else f"generate_series(1, {SUBSCRIBERS}) AS g(n)"
    true = "1" if provider == "sqlite" else "true"
    return f"""{series}
INSERT INTO "NoticeSubscriptions" ("OrganizationId", "Channel", "Address", "P256dh", "Auth", "Language", "AllTopics", "Token", "CodeAttempts", "CreatedAt", "ConfirmedAt")
SELECT o."Id", c.channel,
       CASE c.channel WHEN 'Email' THEN 'person' || n || '@example.dk' ELSE '{push_url}/push/' || n END,
       CASE c.channel WHEN 'Push' THEN '{p256dh}' END, CASE c.channel WHEN 'Push' THEN '{auth}' END,
       'da', {true}, c.channel || '-' || n, 0, {now}, {now}
FROM {numbers}, (SELECT 'Email' AS channel UNION ALL SELECT 'Push') c, "Organizations" o WHERE o."Slug" = '{ORG}'"""


class Database:
    """Runs SQL on the benchmark's database, whichever it is."""
    def __init__(self, provider, work):
        self.provider, self.pg = provider, None
        if provider == "sqlite":
            self.file = os.path.join(work, "notices.db")
            self.env = dict(os.environ, Database__Provider="Sqlite", ConnectionStrings__Whuffie=f"Data Source={self.file}")
        else:
            self.pg = bench.Postgres()
            self.env = dict(os.environ, Database__Provider="PostgreSQL", ConnectionStrings__Whuffie=self.pg.connection)

    def execute(self, sql):
        if self.pg:
            subprocess.run([f"{self.pg.bin}/psql", "-h", "127.0.0.1", "-p", str(self.pg.port), "-U", "whuffie", "-d", "whuffie_bench",
                            "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, stdout=subprocess.DEVNULL)
        else:
            import sqlite3
            with sqlite3.connect(self.file) as c: c.executescript(sql)

    def scalar(self, sql):
        if self.pg: return self.pg.scalar(sql)
        import sqlite3
        with sqlite3.connect(self.file) as c: return c.execute(sql).fetchone()[0]

    def stop(self):
        if self.pg: self.pg.stop()


def api(url, path, body=None, token=None, method=None):
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    request = urllib.request.Request(url + path, json.dumps(body).encode() if body is not None else None, headers, method=method)
    with urllib.request.urlopen(request, timeout=120) as r:
        text = r.read()
        return json.loads(text) if text else None


def ceiling(sinks_dll, smtp_port, sinks_url):
    blast = lambda *a: float(subprocess.run(["dotnet", sinks_dll, *a], check=True, capture_output=True, text=True).stdout.strip())
    return {"email": blast("blast-smtp", str(smtp_port), "20000", "4"), "push": blast("blast-push", sinks_url, "20000", "32")}


def one_round(app, db, token, sinks_url, number, timeout=900):
    api(sinks_url, "/reset", method="POST")
    db.execute('DELETE FROM "Deliveries"')
    started = time.time()
    notice = api(app.url, f"/api/v1/orgs/{ORG}/notices", {"title": f"Strømafbrydelse i Søborg ({number})",
                                                           "body": "Forventet tilbage kl. 14:00.", "severity": "critical"}, token)
    written = time.time() - started
    rows = db.scalar('SELECT COUNT(*) FROM "Deliveries"')
    while True:
        stats = api(sinks_url, f"/stats?expected={SUBSCRIBERS}")
        if all(stats[c]["count"] >= SUBSCRIBERS for c in ("email", "push")): break
        if time.time() - started > timeout:
            raise RuntimeError(f"Not every message arrived within {timeout} s: {stats}")
        time.sleep(0.5)
    time.sleep(2)  # the last batch's outcomes are recorded a moment after the last arrival
    result = {"rows s": written, "rows": rows, "notice": notice["id"],
              "not sent": db.scalar("""SELECT COUNT(*) FROM "Deliveries" WHERE "State" <> 'Sent'""")}
    for channel in ("email", "push"):
        s = stats[channel]
        result[channel] = {"first s": s["first"] / 1000 - started, "all s": s["last"] / 1000 - started,
                           "rate": 0.8 * SUBSCRIBERS / ((s["p90"] - s["p10"]) / 1000), "extra": s["count"] - SUBSCRIBERS}
    return result


def subscribe_ms(app, address):
    started = time.time()
    api(app.url, f"/api/v1/orgs/{ORG}/notices/subscriptions", {"channel": "email", "address": address, "language": "da"})
    return (time.time() - started) * 1000


def prune_round(app, db, token, number, notice, rows, timeout=600):
    """The daily prune of PruneDeliveriesJob, due now, over this round's rows aged past the month they are kept."""
    quiet = [subscribe_ms(app, f"quiet{number}.{i}@example.dk") for i in range(10)]
    db.execute("""UPDATE "Deliveries" SET "CreatedAt" = '2020-01-01 00:00:00' WHERE "NoticeUpdateId" IS NOT NULL""")
    db.execute("""INSERT INTO "Jobs" ("Kind", "Payload", "CreatedAt", "DueAt", "Attempts") VALUES ('prune-deliveries', '{}', '2020-01-01 00:00:00', '2020-01-01 00:00:00', 0)""")
    state = lambda: db.scalar("""SELECT COALESCE(MAX(CASE WHEN "CompletedAt" IS NOT NULL THEN 2 WHEN "LeasedBy" IS NOT NULL THEN 1 ELSE 0 END), 0)
                                 FROM "Jobs" WHERE "Kind" = 'prune-deliveries' AND "CreatedAt" < '2021-01-01'""")
    deadline = time.time() + timeout
    while state() == 0 and time.time() < deadline: time.sleep(0.02)
    started, during = time.time(), []
    while state() == 1 and time.time() < deadline:
        during.append(subscribe_ms(app, f"during{number}.{len(during)}@example.dk"))
    if time.time() >= deadline: raise RuntimeError(f"The prune did not finish within {timeout} s")
    took = time.time() - started
    db.execute("""DELETE FROM "Jobs" WHERE "Kind" = 'prune-deliveries' AND "CreatedAt" < '2021-01-01'""")
    report = api(app.url, f"/api/v1/orgs/{ORG}/notices/{notice}/deliveries", token=token)
    counted = sum(c["sent"] + c["pending"] + c["failed"] + c["gone"] for c in report["channels"])
    left = db.scalar(f"""SELECT COUNT(*) FROM "Deliveries" WHERE "NoticeUpdateId" IS NOT NULL""")
    return {"s": took, "quiet ms": statistics.median(quiet), "during ms": statistics.median(during) if during else None,
            "during max ms": max(during, default=None), "writes": len(during), "left": left, "report": counted - rows}


def bench_provider(provider, args, app_dir, sinks_dll, work, results):
    db = Database(provider, work)
    sinks_url = f"http://127.0.0.1:{bench.free_port()}"
    sinks = subprocess.Popen(["dotnet", sinks_dll, "serve", sinks_url], stdout=subprocess.PIPE, text=True)
    app = None
    try:
        smtp_port = json.loads(sinks.stdout.readline())["smtp"]
        whuffie = lambda *a: bench.run(["dotnet", os.path.join(app_dir, "whuffie.dll"), *a], env=dict(db.env, Logging__LogLevel__Default="Warning"),
                                       cwd=app_dir, stdout=subprocess.DEVNULL)
        whuffie("migrate")
        whuffie("org", "create", ORG, "--name", "Søborg Energi", "--language", "da")
        whuffie("user", "create", "--email", STAFF, "--password", PASSWORD, "--name", "Lars")
        whuffie("user", "role", "--email", STAFF, "--org", ORG, "--role", "staff")
        p256dh, auth = subprocess.run(["dotnet", sinks_dll, "browser-keys"], check=True, capture_output=True, text=True).stdout.split()
        db.execute(subscribers_sql(provider, sinks_url, p256dh, auth))
        # As autovacuum would soon after such a load: the planner should know the table's size.
        db.execute("ANALYZE")
        env = dict(db.env, Mail__Host="127.0.0.1", Mail__Port=str(smtp_port), Mail__Security="None", Mail__From="noreply@bench.test",
                   Site__Url="https://whuffie.test", Demo__SeedWhenEmpty="false",
                   Notices__SubscribeLimit="100000", Notices__ConfirmationsPerDay="100000")
        app = bench.App(app_dir, env)
        token = api(app.url, "/api/v1/auth/login", {"email": STAFF, "password": PASSWORD})["accessToken"]
        rounds = []
        for number in range(1, args.repeat + 1):
            roof = ceiling(sinks_dll, smtp_port, sinks_url)
            r = one_round(app, db, token, sinks_url, number)
            r["ceiling"] = roof
            r["prune"] = prune_round(app, db, token, number, r["notice"], r["rows"])
            rounds.append(r)
            print(f"[{provider}] round {number}: rows {r['rows']:,} in {r['rows s']:.2f} s; "
                  + "; ".join(f"{c} first {r[c]['first s']:.2f} s, {r[c]['rate']:,.0f}/s (ceiling {roof[c]:,.0f}/s), all in {r[c]['all s']:.0f} s"
                              for c in ("email", "push")) + f"; not sent {r['not sent']}; prune {r['prune']}", flush=True)
        results[provider] = rounds
    finally:
        if app: app.stop()
        sinks.terminate(); sinks.wait(30)
        db.stop()


def write_markdown(results, args, path):
    median = statistics.median
    providers = [p for p in args.providers if p in results]
    row = lambda label, f: f"| {label} | " + " | ".join(f(results[p]) for p in providers) + " |"
    m = lambda rounds, key: median([key(r) for r in rounds])
    lines = [f"## Notices: {datetime.date.today().isoformat()}, {SUBSCRIBERS:,} email + {SUBSCRIBERS:,} push subscribers", "",
             f"Machine: {bench.machine()}. Receivers and the ceiling's clients on the same machine. {args.repeat} rounds per database; "
             "medians (the slowest round in brackets). Ratio: the channel's sustained rate divided by what its receiver takes from a bare "
             "client at the same concurrency, measured right before each round.", "",
             "| | " + " | ".join(providers) + " |", "|---|" + "---:|" * len(providers),
             row("all delivery rows written (publish answered), s", lambda rs: f"{m(rs, lambda r: r['rows s']):.2f} ({max(r['rows s'] for r in rs):.2f})"),
             row("delivery rows per publish", lambda rs: f"{m(rs, lambda r: r['rows']):,.0f}")]
    for c in ("email", "push"):
        lines += [
            row(f"{c}: first delivery after publish, s", lambda rs: f"{m(rs, lambda r: r[c]['first s']):.2f} ({max(r[c]['first s'] for r in rs):.2f})"),
            row(f"{c}: sustained rate (10–90 %), messages/s", lambda rs: f"{m(rs, lambda r: r[c]['rate']):,.0f}"),
            row(f"{c}: receiver's ceiling, messages/s", lambda rs: f"{m(rs, lambda r: r['ceiling'][c]):,.0f}"),
            row(f"{c}: ratio to the ceiling", lambda rs: f"{m(rs, lambda r: r[c]['rate'] / r['ceiling'][c]):.2f}"),
            row(f"{c}: all {SUBSCRIBERS:,} in, s", lambda rs: f"{m(rs, lambda r: r[c]['all s']):.0f}"),
            row(f"{c}: repeats", lambda rs: f"{sum(r[c]['extra'] for r in rs)}"),
        ]
    lines.append(row("deliveries not sent after a round", lambda rs: f"{sum(r['not sent'] for r in rs)}"))
    p = lambda rs, key: [r["prune"][key] for r in rs if r["prune"][key] is not None]
    lines += [
        row("prune of the round's rows made a month old, s", lambda rs: f"{median(p(rs, 's')):.2f} ({max(p(rs, 's')):.2f})"),
        row("a subscribe before the prune, ms (median)", lambda rs: f"{median(p(rs, 'quiet ms')):.0f}"),
        row("a subscribe during the prune, ms (median, slowest)", lambda rs: f"{median(p(rs, 'during ms')):.0f} ({max(p(rs, 'during max ms')):.0f})"
            if p(rs, 'during ms') else "none finished"),
        row("rows left after the prune; report's total minus rows", lambda rs: f"{sum(p(rs, 'left'))}; {sum(p(rs, 'report'))}"),
    ]
    text = "\n".join(lines) + "\n"
    start, end = "<!-- notices results: written by bench/bench.py -->", "<!-- /notices results -->"
    document = open(path).read()
    if start not in document or end not in document:
        raise SystemExit(f"{path} lacks the markers {start} … {end}")
    before, rest = document.split(start, 1)
    with open(path, "w") as f: f.write(before + start + "\n" + text + end + rest.split(end, 1)[1])
    print(text)


def main(args, work, app_dir):
    sinks_dir = os.path.join(work, "sinks")
    bench.run(["dotnet", "publish", os.path.join(bench.ROOT, "bench/NoticeSinks"), "-c", "Release", "-o", sinks_dir, "-nologo", "-v", "quiet"])
    results = {}
    for provider in args.providers:
        bench_provider(provider, args, app_dir, os.path.join(sinks_dir, "noticesinks.dll"), work, results)
        write_markdown(results, args, args.output)
