using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Whuffie.Accounts;

/// <summary>One person, one account, across every organization on the installation.</summary>
public sealed class User : IdentityUser<int>
{
    public const int DisplayNameMaxLength = 60;

    /// <summary>The name shown next to everything the person writes; never their email.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The installation's operator: may create organizations and act as admin in any of them.</summary>
    public bool IsPlatformAdmin { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Whether news about followed ideas also comes by email (the bell always shows it). One click in any email turns it off.</summary>
    public bool EmailNotifications { get; set; } = true;

    /// <summary>One email a day listing what happened (a digest) instead of one email per event.</summary>
    public bool EmailDigest { get; set; }

    /// <summary>The language emails are written in ("da"); null: the organization's default.</summary>
    public string? Language { get; set; }

    /// <summary>Whether the person appears on the leaderboards of their organizations; off until they choose it.</summary>
    public bool ShowOnLeaderboard { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<User>
    {
        public void Configure(EntityTypeBuilder<User> e)
        {
            e.Property(u => u.DisplayName).HasMaxLength(DisplayNameMaxLength);
            e.Property(u => u.EmailNotifications).HasDefaultValue(true);
            e.Property(u => u.Language).HasMaxLength(10);
            e.Property(u => u.EmailDigest).HasDefaultValue(false);
            e.Property(u => u.ShowOnLeaderboard).HasDefaultValue(false);
        }
    }
}
