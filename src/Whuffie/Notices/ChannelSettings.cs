using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Notices;

/// <summary>
/// An organization's accounts on the outside channels. Secrets (tokens, auth headers, the VAPID
/// private key) are stored encrypted with ASP.NET Core Data Protection (<see cref="Secrets"/>) and
/// are never shown back in full.
/// </summary>
public sealed class ChannelSettings : ITenantOwned
{
    public const int UrlMaxLength = 500;

    public int OrganizationId { get; set; }

    public string? MastodonUrl { get; set; }
    public string? MastodonToken { get; set; }

    /// <summary>The SMS gateway: where to POST, one "Name: value" header (protected), and the body with {to} and {text}.</summary>
    public string? SmsUrl { get; set; }
    public string? SmsAuthHeader { get; set; }
    public string? SmsBodyTemplate { get; set; }

    public const int SmsCountriesMaxLength = 100;

    /// <summary>
    /// The calling codes texts may go to, e.g. "+45, +46"; null: the organization's own country
    /// (<see cref="SmsRules.DefaultCountries"/>). Texts to far countries are what SMS-pumping
    /// fraud bills, so nothing is allowed that the organization did not choose.
    /// </summary>
    public string? SmsCountries { get; set; }

    /// <summary>Confirmation and manage texts the organization sends in 24 hours at most; null: <see cref="NoticeOptions.SmsConfirmationsPerDay"/>.</summary>
    public int? SmsTextsPerDay { get; set; }

    public string? WebSubHub { get; set; }

    public string? VapidPublicKey { get; set; }
    public string? VapidPrivateKey { get; set; }

    /// <summary>Its columns, keys and indexes; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<ChannelSettings>
    {
        public void Configure(EntityTypeBuilder<ChannelSettings> e)
        {
            e.HasKey(s => s.OrganizationId);
            e.Property(s => s.OrganizationId).ValueGeneratedNever();
            foreach (var url in new[] { nameof(MastodonUrl), nameof(SmsUrl), nameof(WebSubHub) })
                e.Property(url).HasMaxLength(UrlMaxLength);
            e.Property(s => s.SmsBodyTemplate).HasMaxLength(2000);
            e.Property(s => s.SmsCountries).HasMaxLength(SmsCountriesMaxLength);
            e.Property(s => s.VapidPublicKey).HasMaxLength(200);
            e.HasOne<Organization>().WithOne().HasForeignKey<ChannelSettings>(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
