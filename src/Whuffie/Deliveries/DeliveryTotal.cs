using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Whuffie.Data;

namespace Whuffie.Deliveries;

/// <summary>
/// What a notice's delivery report still shows once its rows are gone: how many deliveries of
/// one update on one channel ended in one state.
/// </summary>
public sealed class DeliveryTotal : ITenantOwned
{
    public long NoticeUpdateId { get; set; }
    public Channel Channel { get; set; }
    public DeliveryState State { get; set; }
    public int OrganizationId { get; set; }
    public int Count { get; set; }

    /// <summary>Its key; WhuffieDb adds the tenant filter.</summary>
    internal sealed class Mapping : IEntityTypeConfiguration<DeliveryTotal>
    {
        public void Configure(EntityTypeBuilder<DeliveryTotal> e) => e.HasKey(t => new { t.NoticeUpdateId, t.Channel, t.State });
    }
}
