using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Whuffie.ScaleOutTests;

/// <summary>
/// Both instances run a job worker on one queue. Each job is claimed with a lease, so it is
/// done once, by one of them, not once per instance.
/// </summary>
[Collection(DeploymentCollection.Name)]
public sealed partial class JobsAcrossInstances(TwoInstances deployment)
{
    private const int Jobs = 60;

    [Fact]
    public async Task Each_job_is_done_once_while_both_instances_run_workers()
    {
        // Each probe pretends to work for 30 ms, long enough for both workers to get a share.
        var enqueued = await AppProcess.RunCommandAsync(deployment.Settings, "jobs", "probe", "--count", $"{Jobs}", "--work-ms", "30");
        var range = EnqueuedRange().Match(enqueued);
        Assert.True(range.Success, enqueued);
        var (first, last) = (long.Parse(range.Groups[1].Value), long.Parse(range.Groups[2].Value));

        var waited = Stopwatch.StartNew();
        while (await deployment.CountAsync("""SELECT count(*) FROM "Jobs" WHERE "Id" BETWEEN $1 AND $2 AND "CompletedAt" IS NOT NULL""", first, last) < Jobs)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "The workers did not finish the probe jobs within a minute.");
            await Task.Delay(100);
        }

        // The rows: each claimed once, and both instances' workers took part.
        var rows = await deployment.QueryAsync("""SELECT "Id", "Attempts", "LeasedBy" FROM "Jobs" WHERE "Id" BETWEEN $1 AND $2""",
            r => (Id: r.GetInt64(0), Attempts: r.GetInt32(1), Worker: r.GetString(2)), first, last);
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.Equal(2, rows.Select(r => r.Worker).Distinct().Count());

        // The work itself (a line in the log of whoever ran it): once per job, by the worker the row names.
        var ran = await WaitForLogLinesAsync(first, last);
        Assert.Equal(rows.Select(r => r.Id).Order(), ran.Select(r => r.Id).Order());
        Assert.Equal(rows.OrderBy(r => r.Id).Select(r => r.Worker), ran.OrderBy(r => r.Id).Select(r => r.Worker));
    }

    /// <summary>The "Probe job N ran on worker W." lines of both instances, once the last one has been written.</summary>
    private async Task<List<(long Id, string Worker)>> WaitForLogLinesAsync(long first, long last)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var lines = deployment.A.Log.Concat(deployment.B.Log)
                .Select(l => ProbeRan().Match(l)).Where(m => m.Success)
                .Select(m => (Id: long.Parse(m.Groups[1].Value), Worker: m.Groups[2].Value))
                .Where(r => r.Id >= first && r.Id <= last).ToList();
            if (lines.Select(l => l.Id).Distinct().Count() == Jobs || waited.Elapsed > TimeSpan.FromSeconds(10)) return lines;
            await Task.Delay(100); // the console log is written a moment after the row
        }
    }

    [GeneratedRegex(@"Enqueued \d+ probe job\(s\): (\d+)–(\d+)")]
    private static partial Regex EnqueuedRange();

    [GeneratedRegex(@"Probe job (\d+) ran on worker (\S+)\.$")]
    private static partial Regex ProbeRan();
}
