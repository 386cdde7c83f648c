using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data.Model;

namespace SecureBase.Data;

public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Administration> Administrations => Set<Administration>();
    public DbSet<ItemResponse> ItemResponses => Set<ItemResponse>();
    public DbSet<ScoreValue> ScoreValues => Set<ScoreValue>();
    public DbSet<StoredNormSet> NormSets => Set<StoredNormSet>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<UserKey> UserKeys => Set<UserKey>();
    public DbSet<ActivationEntry> ActivationEntries => Set<ActivationEntry>();
    public DbSet<ExpectationEntry> ExpectationEntries => Set<ExpectationEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);   // Identity's tables
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
