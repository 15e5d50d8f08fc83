"""Whuffie's benchmark harness: see bench/run.sh and docs/benchmarks.md."""
import argparse, datetime, json, os, re, shutil, signal, socket, sqlite3, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONNECTIONS, THREADS = 64, 2


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port


def run(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def wait_for(url, timeout=60, headers=None):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=2) as r:
                return r.read()
        except Exception:
            time.sleep(0.02)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


class Postgres:
    """A throwaway cluster on a loopback port, as test.sh starts one."""
    def __init__(self):
        # Its own folder, not under the (root-only) work folder: the server runs as the postgres user.
        work = tempfile.mkdtemp(prefix="whuffie-bench-pg-")
        self.work = work
        bins = sorted(d for d in os.listdir("/usr/lib/postgresql"))
        self.bin = f"/usr/lib/postgresql/{bins[-1]}/bin"
        self.data, self.port = os.path.join(work, "pg"), free_port()
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        os.makedirs(self.data)
        if os.getuid() == 0:
            shutil.chown(work, "postgres"); shutil.chown(self.data, "postgres")
        run(self.as_pg + [f"{self.bin}/initdb", "-D", self.data, "-U", "whuffie", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], stdout=subprocess.DEVNULL)
        # Durable settings (fsync on): the benchmark measures what production would see.
        run(self.as_pg + [f"{self.bin}/pg_ctl", "-D", self.data, "-l", os.path.join(work, "pg.log"), "-w", "start", "-o",
             f"-p {self.port} -k {work} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=512MB"], stdout=subprocess.DEVNULL)
        self.connection = f"Host=127.0.0.1;Port={self.port};Username=whuffie;Database=whuffie_bench;Maximum Pool Size=100"
        run([f"{self.bin}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "whuffie", "whuffie_bench"])

    def scalar(self, sql):
        out = subprocess.run([f"{self.bin}/psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "whuffie", "-d", "whuffie_bench", "-At", "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        return int(out.strip())

    def stop(self):
        subprocess.run(self.as_pg + [f"{self.bin}/pg_ctl", "-D", self.data, "-m", "fast", "stop"], stdout=subprocess.DEVNULL)
        shutil.rmtree(self.work, ignore_errors=True)


# The app's RateLimits sections (src/Whuffie/Limits/RateLimitSettings.cs).
RATE_LIMITS = ["SignIn", "SignUp", "PasswordReset", "MagicLink", "Confirm", "Comment", "Vote", "Search", "Similar"]


class App:
    def __init__(self, app_dir, env, output_cache=True):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # No mail server in the benchmarks: the dev mailbox, asked for by name as Production requires.
        # The load comes from one address and 256 people: the limits are raised out of the way, but
        # every request still passes through the limiter, so its cost is in the figures.
        env = dict(env, ASPNETCORE_ENVIRONMENT="Production", Logging__LogLevel__Default="Warning", Mail__DevMailbox="true",
                   **{f"RateLimits__{name}__Permits": "1000000000" for name in RATE_LIMITS},
                   Pages__OutputCache=str(output_cache).lower(), Urls=self.url)
        self.started = time.monotonic()
        self.process = subprocess.Popen(["dotnet", os.path.join(app_dir, "whuffie.dll")], env=env, cwd=app_dir)
        wait_for(self.url + "/")
        self.first_response_ms = (time.monotonic() - self.started) * 1000

    def rss_mb(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024

    def stop(self):
        self.process.send_signal(signal.SIGTERM); self.process.wait(30)


def parse_wrk(text):
    def ms(value):
        number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = ms(re.search(r"\s50%\s+(\S+)", text).group(1))
    p99 = ms(re.search(r"\s99%\s+(\S+)", text).group(1))
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    p95 = re.search(r"p95_us (\d+)", text)
    return rps, p50, p99, errors + (int(non2xx.group(1)) if non2xx else 0), int(p95.group(1)) / 1000 if p95 else None


def wrk(url, script, duration, work, connections=CONNECTIONS):
    path = os.path.join(work, "scenario.lua")
    with open(path, "w") as f: f.write(script)
    out = subprocess.run(["wrk", f"-t{min(THREADS, connections)}", f"-c{connections}", f"-d{duration}s", "--latency", "-s", path, url],
                         check=True, capture_output=True, text=True).stdout
    return parse_wrk(out)


def lua(tokens, body):
    """A wrk script: `pick()` chooses the request; tokens are the signed-in people's bearer tokens."""
    table = ",".join(f'"{t}"' for t in tokens)
    return f"""
local tokens = {{{table}}}
local n = 0
math.randomseed(os.time() + tonumber(tostring({{}}):sub(8), 16))
function auth(i) return {{ ["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1], ["Content-Type"] = "application/json" }} end
{body}
request = function() n = n + 1; return pick(n) end
done = function(summary, latency, requests) io.write(string.format("p95_us %d\\n", latency:percentile(95))) end
"""


def deep_cursors(url, ideas, sorts=("top", "trending")):
    """The cursor that opens the last page of 20 of bench-001 for each sort, so the list can be
    measured at depth as well as at page 1 (a one-row offset page's `next` is the cursor after that row)."""
    cursors = {}
    for sort in sorts:
        with urllib.request.urlopen(f"{url}/api/v1/orgs/bench-001/ideas?sort={sort}&pageSize=1&page={ideas - 20}") as r:
            cursors[sort] = json.load(r)["next"]
    return cursors


def scenarios(orgs, ideas, cursors=None):
    deep = {} if cursors is None else {
        # Same sort at page 1 and at the last page: keyset paging should make them cost the same.
        "idea list, trending (JSON API)": 'function pick(i) return wrk.format("GET", "/api/v1/orgs/bench-001/ideas?sort=trending") end',
        **{f"idea list, last page by cursor, {sort} (JSON API)":
           f'function pick(i) return wrk.format("GET", "/api/v1/orgs/bench-001/ideas?sort={sort}&after={cursor}") end'
           for sort, cursor in cursors.items()},
    }
    org = lambda: f'string.format("bench-%03d", math.random(1, {orgs}))'
    idea = f"math.random(1, {ideas})"
    vote_spread = f'local path = string.format("/api/v1/orgs/bench-%03d/ideas/%d/vote", math.random(1, {orgs}), {idea})'
    return {
        "idea list, anonymous (HTML)": 'function pick(i) return wrk.format("GET", "/bench-001") end',
        "idea page, anonymous (HTML)": f'function pick(i) return wrk.format("GET", "/bench-001/ideas/" .. {idea}) end',
        "idea list (JSON API)": 'function pick(i) return wrk.format("GET", "/api/v1/orgs/bench-001/ideas") end',
        "idea list, signed in (HTML)": 'function pick(i) return wrk.format("GET", "/bench-001", auth(i)) end',
        "vote and unvote, hot idea": 'function pick(i) local m = (math.floor(i / 7) % 2 == 0) and "PUT" or "DELETE"; return wrk.format(m, "/api/v1/orgs/bench-001/ideas/1/vote", auth(i)) end',
        "vote and unvote, spread": f'function pick(i) {vote_spread}; local m = (i % 2 == 0) and "PUT" or "DELETE"; return wrk.format(m, path, auth(i)) end',
        "submit idea": f'function pick(i) return wrk.format("POST", "/api/v1/orgs/" .. {org()} .. "/ideas", auth(i), \'{{"title":"A benchmark idea","body":"Measured."}}\') end',
        "comment": f'function pick(i) return wrk.format("POST", "/api/v1/orgs/" .. {org()} .. "/ideas/" .. {idea} .. "/comments", auth(i), \'{{"body":"Measured."}}\') end',
        "mix: 90% reads, 10% writes": f'''function pick(i)
  local r = math.random(100)
  if r <= 40 then return wrk.format("GET", "/" .. {org()})
  elseif r <= 75 then return wrk.format("GET", "/" .. {org()} .. "/ideas/" .. {idea})
  elseif r <= 90 then return wrk.format("GET", "/api/v1/orgs/" .. {org()} .. "/ideas")
  elseif r <= 97 then {vote_spread}; return wrk.format((r % 2 == 0) and "PUT" or "DELETE", path, auth(i))
  else return wrk.format("POST", "/api/v1/orgs/" .. {org()} .. "/ideas/" .. {idea} .. "/comments", auth(i), '{{"body":"Measured."}}') end
end''',
        **deep,
    }


# What people type: titles being written (similar ideas) and searches, in the data set's words and not.
TYPED = ["longer opening", "opening hours at the library", "bike parking", "a quiet room to study", "repair cafe",
         "clearer invoices please", "events for kids", "better signs", "booking online", "more parking for bicycles"]
QUERIES = ["opening hours", "parking", "quiet study room", "repair", "invoices", "children events", "signs entrance",
           "online booking", "better", "swimming pool"]
SEARCH_CONNECTIONS = 4
SORTS = ("top", "new", "discussed", "trending")


def search_scenarios(orgs, cursors):
    """Latency at a light load (4 connections): the targets are p95 of a request, not of a queue."""
    org = f'string.format("bench-%03d", math.random(1, {orgs}))'
    typed = "{" + ",".join(f'"{t.replace(" ", "%20")}"' for t in TYPED) + "}"
    queries = "{" + ",".join(f'"{q.replace(" ", "%20")}"' for q in QUERIES) + "}"
    pick = lambda path: f'local typed = {typed}; local queries = {queries}\nfunction pick(i) return wrk.format("GET", {path}) end'
    return {
        "similar ideas while typing (JSON API)": pick(f'"/api/v1/orgs/" .. {org} .. "/ideas/similar?title=" .. typed[math.random(#typed)]'),
        "search, best match (JSON API)": pick(f'"/api/v1/orgs/" .. {org} .. "/ideas?q=" .. queries[math.random(#queries)]'),
        "search, most votes (JSON API)": pick(f'"/api/v1/orgs/" .. {org} .. "/ideas?sort=top&q=" .. queries[math.random(#queries)]'),
        "search page, best match (HTML)": pick(f'"/" .. {org} .. "/search?q=" .. queries[math.random(#queries)]'),
        **{f"idea list, page 1, {sort} (JSON API)": pick(f'"/api/v1/orgs/" .. {org} .. "/ideas?sort={sort}"') for sort in SORTS},
        **{f"idea list, page 50 by cursor, {sort} (JSON API)": pick(f'"/api/v1/orgs/bench-001/ideas?sort={sort}&after={cursor}"')
           for sort, cursor in cursors.items()},
    }


def login(url, count):
    tokens = []
    for i in range(1, count + 1):
        body = json.dumps({"email": f"bench-{i:05d}@example.com", "password": "bench-password-1"}).encode()
        request = urllib.request.Request(url + "/api/v1/auth/login", body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request) as r: tokens.append(json.load(r)["accessToken"])
    return tokens


MISMATCHES = 'SELECT COUNT(*) FROM "Ideas" i WHERE i."VoteCount" <> (SELECT COUNT(*) FROM "Votes" v WHERE v."IdeaId" = i."Id") OR i."CommentCount" <> (SELECT COUNT(*) FROM "Comments" c WHERE c."IdeaId" = i."Id")'


def bench_provider(provider, args, app_dir, ceiling_dir, work, results):
    pg = None
    if provider == "sqlite":
        db_file = os.path.join(work, "bench.db")
        env = dict(os.environ, Database__Provider="Sqlite", ConnectionStrings__Whuffie=f"Data Source={db_file}")
        mismatches = lambda: sqlite3.connect(db_file).execute(MISMATCHES).fetchone()[0]
    else:
        pg = Postgres()
        env = dict(os.environ, Database__Provider="PostgreSQL", ConnectionStrings__Whuffie=pg.connection)
        mismatches = lambda: pg.scalar(MISMATCHES)
    try:
        started = time.monotonic()
        run(["dotnet", os.path.join(app_dir, "whuffie.dll"), "demo", "--scale", args.scale], env=dict(env, Logging__LogLevel__Default="Warning"), cwd=app_dir)
        print(f"[{provider}] seeded {args.scale} in {time.monotonic() - started:.0f} s", flush=True)
        sizes = {"small": (5, 100), "large": (100, 1000)}[args.scale]
        if args.suite == "search":
            app = App(app_dir, env)
            try:
                page = wait_for(app.url + "/bench-001")
                with open(os.path.join(work, "page.html"), "wb") as f: f.write(page)
                for name, body in search_scenarios(sizes[0], deep_cursors(app.url, sizes[1], SORTS)).items():
                    measure(results, provider, name, body, [], args, ceiling_dir, work, app, SEARCH_CONNECTIONS)
            finally:
                app.stop()
            return
        for output_cache in (True, False):
            app = App(app_dir, env, output_cache)
            try:
                if output_cache:
                    results.setdefault("first response ms", {})[provider] = app.first_response_ms
                    page = wait_for(app.url + "/bench-001")
                    with open(os.path.join(work, "page.html"), "wb") as f: f.write(page)
                    tokens = login(app.url, 256)
                    # A cursor is a position (key, number), not a row: later writes move ideas around it and it still opens a page near the end.
                    cursors = deep_cursors(app.url, sizes[1])
                todo = scenarios(*sizes, cursors) if output_cache else {"idea list, anonymous, output cache off (HTML)": scenarios(*sizes)["idea list, anonymous (HTML)"]}
                for name, body in todo.items():
                    measure(results, provider, name, body, tokens, args, ceiling_dir, work, app, CONNECTIONS)
                if output_cache:
                    results.setdefault("resident MB after the mix", {})[provider] = app.rss_mb()
            finally:
                app.stop()
        results.setdefault("count mismatches after the run", {})[provider] = mismatches()
    finally:
        if pg: pg.stop()


def measure(results, provider, name, body, tokens, args, ceiling_dir, work, app, connections):
    ceiling_runs, runs = [], []
    if connections == SEARCH_CONNECTIONS:
        # Latency is the point here, so the scenario's code is compiled (tiered JIT) and its pages read before it counts.
        wrk(app.url, lua(tokens, body), 2, work, connections)
    for _ in range(args.repeat):
        # The ceiling runs right before each round, at the same concurrency, so both see the same machine.
        ceiling_runs.append(measure_ceiling(ceiling_dir, work, args.duration, connections))
        runs.append(wrk(app.url, lua(tokens, body), args.duration, work, connections))
    record(results, provider, name, runs, ceiling_runs)


def measure_ceiling(ceiling_dir, work, duration, connections=CONNECTIONS):
    port = free_port()
    process = subprocess.Popen(["dotnet", os.path.join(ceiling_dir, "ceiling.dll"), os.path.join(work, "page.html"), f"http://127.0.0.1:{port}"])
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        return wrk(f"http://127.0.0.1:{port}", lua(["-"], 'function pick(i) return wrk.format("GET", "/") end'), duration, work, connections)[0]
    finally:
        process.send_signal(signal.SIGTERM); process.wait(30)


def record(results, provider, name, runs, ceiling_runs):
    median = lambda xs: statistics.median(xs)
    row = {"rps": median([r[0] for r in runs]), "p50": median([r[1] for r in runs]), "p99": median([r[2] for r in runs]),
           "p95": median([r[4] for r in runs]),
           "errors": sum(r[3] for r in runs), "ceiling": median(ceiling_runs),
           "ratio": median([r[0] / c for r, c in zip(runs, ceiling_runs)])}
    results.setdefault("scenarios", {}).setdefault(name, {})[provider] = row
    print(f"[{provider}] {name}: {row['rps']:.0f} req/s, p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms, p99 {row['p99']:.1f} ms, "
          f"errors {row['errors']}, ratio {row['ratio']:.2f} of {row['ceiling']:.0f}", flush=True)


def machine():
    cpu = re.search(r"model name\s*:\s*(.+)", open("/proc/cpuinfo").read())
    memory = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1)) // (1024 * 1024)
    return f"{os.cpu_count()} cores ({cpu.group(1) if cpu else 'unknown CPU'}), {memory} GiB, {os.uname().sysname} {os.uname().release}"


def write_markdown(results, args, path):
    providers = args.providers
    search = args.suite == "search"
    connections = SEARCH_CONNECTIONS if search else CONNECTIONS
    columns = ["req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "ratio"] if search else ["req/s", "p50 ms", "p99 ms", "errors", "ratio"]
    lines = [f"## {'Search and list latency' if search else 'Results'}: {datetime.date.today().isoformat()}, `{args.scale}` data set", "",
             f"Machine: {machine()}. wrk with {min(THREADS, connections)} threads and {connections} connections on the same machine, "
             f"{args.duration} s per round, {args.repeat} rounds; medians. Ratio: requests/s divided by the ceiling's "
             f"(bare Kestrel serving the idea list's bytes, at the same {connections} connections) measured right before each round.", "",
             "| scenario | " + " | ".join(f"{p} " + " | ".join(columns) for p in providers) + " |",
             "|---|" + "---:|" * (len(columns) * len(providers))]
    for name, by_provider in results["scenarios"].items():
        cells = []
        for p in providers:
            r = by_provider.get(p)
            if r is None: cells.append(" | ".join([""] * len(columns))); continue
            figures = [f"{r['rps']:,.0f}", f"{r['p50']:.1f}"] + ([f"{r['p95']:.1f}"] if search else []) + [f"{r['p99']:.1f}", str(r["errors"]), f"{r['ratio']:.2f}"]
            cells.append(" | ".join(figures))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    ceiling = statistics.median([r["ceiling"] for s in results["scenarios"].values() for r in s.values()])
    lines += ["", f"Ceiling (median over all rounds): {ceiling:,.0f} req/s.", ""]
    for key in ("first response ms", "resident MB after the mix", "count mismatches after the run"):
        if key in results:
            lines.append(f"- {key}: " + ", ".join(f"{p} {results[key][p]:.0f}" for p in providers if p in results[key]))
    text = "\n".join(lines) + "\n"
    # docs/benchmarks.md keeps its prose; only the part between the suite's markers is rewritten.
    marker = "search results" if search else "results"
    start, end = f"<!-- {marker}: written by bench/bench.py -->", f"<!-- /{marker} -->"
    document = open(path).read() if os.path.exists(path) else f"{start}\n{end}\n"
    if start not in document or end not in document:
        raise SystemExit(f"{path} lacks the markers {start} … {end}")
    before, rest = document.split(start, 1)
    with open(path, "w") as f: f.write(before + start + "\n" + text + end + rest.split(end, 1)[1])
    print(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=["small", "large"], default="large")
    parser.add_argument("--suite", choices=["lists", "search", "notices"], default="lists",
                        help="lists: throughput at 64 connections (the first results table); search: latency of search, similar ideas and list depth at 4; "
                             "notices: one notice to 100,000 email and 100,000 push subscribers (bench/notices.py)")
    parser.add_argument("--providers", default="sqlite,postgresql")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    args = parser.parse_args()
    args.providers = args.providers.split(",")
    work = tempfile.mkdtemp(prefix="whuffie-bench-")
    try:
        app_dir, ceiling_dir = os.path.join(work, "app"), os.path.join(work, "ceiling")
        run(["dotnet", "publish", os.path.join(ROOT, "src/Whuffie"), "-c", "Release", "-o", app_dir, "-nologo", "-v", "quiet"])
        if args.suite == "notices":
            import notices  # here, not at the top: it imports this module
            return notices.main(args, work, app_dir)
        run(["dotnet", "publish", os.path.join(ROOT, "bench/Ceiling"), "-c", "Release", "-o", ceiling_dir, "-nologo", "-v", "quiet"])
        results = {}
        for provider in args.providers:
            bench_provider(provider, args, app_dir, ceiling_dir, work, results)
            write_markdown(results, args, args.output)  # after each provider, so a later failure loses nothing
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
