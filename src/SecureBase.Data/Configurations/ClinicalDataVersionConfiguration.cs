using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Data.Model;

namespace SecureBase.Data.Configurations;

public sealed class ClinicalDataVersionConfiguration : IEntityTypeConfiguration<ClinicalDataVersion>
{
    public void Configure(EntityTypeBuilder<ClinicalDataVersion> builder)
    {
        builder.HasKey(v => v.PersonId);   // no key to the account, as for Administrations: AccountErasure deletes it
    }
}
