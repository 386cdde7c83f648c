using Microsoft.EntityFrameworkCore;
using SecureBase.Data.Model;

namespace SecureBase.Data;

public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Administration> Administrations => Set<Administration>();
    public DbSet<ItemResponse> ItemResponses => Set<ItemResponse>();
    public DbSet<ScoreValue> ScoreValues => Set<ScoreValue>();
    public DbSet<StoredNormSet> NormSets => Set<StoredNormSet>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
}
