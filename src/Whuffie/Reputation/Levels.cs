using static Whuffie.Web.Text;

namespace Whuffie.Reputation;

public enum Level
{
    Newcomer,
    Contributor,
    Regular,
    IdeaMaker,
    LocalHero,
}

/// <summary>
/// Levels turn a score into a word people recognise. The steps widen as they go: the first comes
/// with a couple of ideas and a few votes, the last only with several launched ideas, so a level
/// says something about what a person has brought about, not how long they have been around.
/// </summary>
public static class Levels
{
    /// <summary>The score each level starts at, in the order of <see cref="Level"/>.</summary>
    public static readonly IReadOnlyList<int> Thresholds = [0, 10, 50, 150, 400];

    public static Level For(int score)
    {
        var level = Level.Newcomer;
        for (var i = 0; i < Thresholds.Count; i++)
            if (score >= Thresholds[i]) level = (Level)i;
        return level;
    }

    public static int StartsAt(this Level level) => Thresholds[(int)level];

    /// <summary>The level's name in the request's language.</summary>
    public static string Label(this Level level) => T("Level." + level);
}
