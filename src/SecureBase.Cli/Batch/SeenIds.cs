using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace SecureBase.Cli.Batch;

// The ids a batch command has read, to reject a second row with one of them and name the line it first appeared on.
// Each id is kept as its 64-bit hash (XxHash3) and that line, not as the id itself: 16 bytes a slot, at most four
// fifths full, whatever the ids' length. Two different ids share a hash with odds of about n²/2⁶⁵ (10⁻⁹ at 200,000
// rows); the message then names the other line, where the reader can see the ids differ.
//
// An open-addressing table of our own rather than Dictionary<ulong, int>: that one keeps its buckets and its entries
// in two arrays, so every new id cost two cache misses, a quarter of scoring 200,000 ECR-R rows (perf, issue 11).
// Here a lookup reads one slot and, rarely, its neighbours in the same cache line.
//
// The slots live outside the GC heap, so that on Linux a table of 2 MB or more can ask for 2 MB pages (madvise,
// MADV_HUGEPAGE, honoured where transparent huge pages are "always" or "madvise", the kernel's default). In 4 KB
// pages, the 4 MB table for 200,000 ids took a page fault at each page's first id and a page-table walk on most
// lookups, even prefetched: 7 ms of scoring 200,000 ECR-R rows, and 900 of its 2,000 page faults (perf, issue 11).
internal sealed unsafe partial class SeenIds : IDisposable
{
    private struct Slot
    {
        public ulong Hash;   // 0 marks an empty slot
        public int Line;
    }

    private void* _memory;   // as allocated; _slots is in it
    private Slot* _slots;
    private int _length;   // slots, a power of two
    private int _shift;   // a hash's slot is its top bits: 64 − log₂ of the table's size
    private int _count;

    /// <summary>A table for about <paramref name="expected"/> ids (up to a million) from the start, so that it need
    /// not grow (each doubling touches memory anew); more still fit. Dispose frees it.</summary>
    public SeenIds(long expected)
    {
        var bits = 10;
        while (bits < 21 && (1L << bits) * 4 < 5 * expected) bits++;
        Allocate(1 << bits);
        _shift = 64 - bits;
    }

    public void Dispose()
    {
        NativeMemory.Free(_memory);
        _memory = null;
        _slots = null;
    }

    /// <summary>Has the kernel map (and zero) the table's memory now rather than at its first ids: AnswerCsv calls it
    /// while its reading thread reads the first rows, time the caller's thread would spend waiting.</summary>
    public void Touch()
    {
        for (nuint at = 0; at < (nuint)_length * (nuint)sizeof(Slot); at += 4096) ((byte*)_slots)[at] = 0;
    }

    /// <summary>0 when <paramref name="id"/> is new (it is now remembered with <paramref name="line"/>, which must be
    /// 1 or more), else the line it was first seen on.</summary>
    public int FirstLineOf(ReadOnlySpan<char> id, int line) => FirstLineOf(Hash(id), line);

    /// <summary>The id's hash for <see cref="FirstLineOf(ulong, int)"/> (never 0).</summary>
    public static ulong Hash(ReadOnlySpan<char> id)
    {
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id));
        return hash == 0 ? 1 : hash;
    }

    /// <summary>Asks memory for the hash's slot now, so that <see cref="FirstLineOf(ulong, int)"/> some rows later finds
    /// it in the cache (AnswerCsv checks an id 8 rows after it read it). Looking a slot up waits for memory: the table
    /// is megabytes and each id lands anywhere in it (without this, 13 ms of scoring 200,000 ECR-R rows, perf,
    /// issue 11). Only a hint: a slot of a table since grown is a harmless address.</summary>
    public void Prefetch(ulong hash)
    {
        if (Sse.IsSupported) Sse.Prefetch0(_slots + (int)(hash >> _shift));
    }

    /// <summary>As <see cref="FirstLineOf(ReadOnlySpan{char}, int)"/>, for a hash from <see cref="Hash"/>.</summary>
    public int FirstLineOf(ulong hash, int line)
    {
        ObjectDisposedException.ThrowIf(_slots is null, this);
        var mask = _length - 1;
        for (var at = (int)(hash >> _shift); ; at = (at + 1) & mask)
        {
            if (_slots[at].Hash == hash) return _slots[at].Line;
            if (_slots[at].Hash != 0) continue;
            _slots[at] = new Slot { Hash = hash, Line = line };
            if (++_count > _length / 5 * 4) Grow();
            return 0;
        }
    }

    // Twice the size. A slot is chosen by the hash's top bits, so the old table read in order fills the new one
    // almost in order (slot i's hashes go to 2i or 2i + 1): a pass over memory, not a cache miss per id.
    void Grow()
    {
        var (oldMemory, old, oldLength) = ((nint)_memory, (nint)_slots, _length);
        Allocate(2 * oldLength);
        _shift--;
        var mask = _length - 1;
        foreach (var slot in new ReadOnlySpan<Slot>((void*)old, oldLength))
        {
            if (slot.Hash == 0) continue;
            var at = (int)(slot.Hash >> _shift);
            while (_slots[at].Hash != 0) at = (at + 1) & mask;
            _slots[at] = slot;
        }
        NativeMemory.Free((void*)oldMemory);
    }

    const int HugePage = 2 * 1024 * 1024;

    // Zeroed slots, in 2 MB pages (Linux) from 2 MB on when the kernel has them. The memory comes from calloc, which
    // for a block this size maps fresh pages and, knowing them zero, does not clear them; the table starts at the
    // first 2 MB boundary in it, asked for huge pages before it is first touched (a page already there stays
    // 4 KB). Only advice: where it is refused, the table works as it did in 4 KB pages.
    void Allocate(int length)
    {
        var bytes = (nuint)length * (nuint)sizeof(Slot);
        var huge = bytes >= HugePage && OperatingSystem.IsLinux();
        _memory = NativeMemory.AllocZeroed(huge ? bytes + HugePage : bytes);
        _slots = huge ? (Slot*)(((nuint)_memory + HugePage - 1) & ~(nuint)(HugePage - 1)) : (Slot*)_memory;
        if (huge) _ = Advise(_slots, bytes, HugePages);
        _length = length;
    }

    const int HugePages = 14;   // MADV_HUGEPAGE

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Advise(void* address, nuint length, int advice);
}
