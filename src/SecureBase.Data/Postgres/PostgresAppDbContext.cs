using Microsoft.EntityFrameworkCore;

namespace SecureBase.Data.Postgres;

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
