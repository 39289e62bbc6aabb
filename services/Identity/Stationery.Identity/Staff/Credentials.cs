using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Stationery.Hosting.Errors;

namespace Stationery.Identity.Staff;

/// <summary>Username and password rules, and the standard ASP.NET Core password hasher (PBKDF2, salted, versioned).</summary>
public static partial class Credentials
{
    public const int MinimumPasswordLength = 8;

    private static readonly PasswordHasher<UserAccount> Hasher = new();

    // Verified against when the username is unknown, so a wrong username costs as much time as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString());

    /// <summary>Usernames are compared lowercase: <c>Clerk</c> and <c>clerk</c> are the same login.</summary>
    public static string NormalizeUsername(string username) => username.Trim().ToLowerInvariant();

    public static Validation Username(this Validation v, string? username, string field)
    {
        if (string.IsNullOrWhiteSpace(username)) v.Add(field, "is required");
        else if (!UsernamePattern().IsMatch(NormalizeUsername(username)))
            v.Add(field, "must be 2–64 characters of letters, digits, '.', '_', '-' or '@', starting with a letter or digit");
        return v;
    }

    public static Validation Password(this Validation v, string? password, string field)
    {
        if (string.IsNullOrEmpty(password)) v.Add(field, "is required");
        else if (password.Length < MinimumPasswordLength) v.Add(field, $"must be at least {MinimumPasswordLength} characters");
        else if (password.Length > 256) v.Add(field, "must be at most 256 characters");
        return v;
    }

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>True when <paramref name="password"/> matches; with no account, burns the same time and answers false.</summary>
    public static bool Verify(UserAccount? account, string password)
    {
        var result = Hasher.VerifyHashedPassword(null!, account?.PasswordHash ?? DecoyHash, password);
        return account is not null && result != PasswordVerificationResult.Failed;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{1,63}$")]
    private static partial Regex UsernamePattern();
}
