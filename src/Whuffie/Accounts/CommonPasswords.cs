using System.Reflection;
using Microsoft.AspNetCore.Identity;
using static Whuffie.Web.Text;

namespace Whuffie.Accounts;

/// <summary>
/// NIST SP 800-63B 5.1.1.2: refuse a password that attackers try first (the 100,000 most common,
/// common-passwords.txt from SecLists, see common-passwords.LICENSE) or that is made of the
/// person's own name or email address. Length is Identity's own rule (AccountsApi); no composition rules.
/// </summary>
public sealed class CommonPasswords : IPasswordValidator<User>
{
    // Read once, on the first sign-up, and kept: about 100,000 short strings, a few megabytes.
    private static readonly Lazy<HashSet<string>> List = new(Load);

    /// <summary>Name parts shorter than this ("a", "jo") would refuse half of all passwords.</summary>
    private const int ShortestWord = 4;

    public static bool IsCommon(string password) => List.Value.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        var candidate = (password ?? "").Trim();
        if (IsCommon(candidate))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordCommon", Description = T("Identity.PasswordCommon") }));
        if (OwnWords(user).Any(word => candidate.Contains(word, StringComparison.OrdinalIgnoreCase)))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordContainsName", Description = T("Identity.PasswordContainsName") }));
        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>The email's local part, whole and in pieces ("sofie.hansen": sofie, hansen), and the display name's words.</summary>
    private static IEnumerable<string> OwnWords(User user)
    {
        var local = (user.Email ?? user.UserName ?? "").Split('@')[0];
        var separators = new[] { ' ', '.', '-', '_', '+' };
        return new[] { local, user.DisplayName.Trim() }
            .Concat(local.Split(separators))
            .Concat(user.DisplayName.Split(separators))
            .Where(word => word.Length >= ShortestWord);
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Whuffie.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } word) set.Add(word);
        return set;
    }
}
