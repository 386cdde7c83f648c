using System.IO.Hashing;
using System.Runtime.CompilerServices;
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
internal sealed class SeenIds
{
    private (ulong Hash, int Line)[] _slots;   // Hash 0 marks an empty slot
    private int _shift;   // a hash's slot is its top bits: 64 − log₂ of the table's size
    private int _count;

    /// <summary>A table for about <paramref name="expected"/> ids (up to a million) from the start, so that it need
    /// not grow (each doubling touches memory anew); more still fit.</summary>
    public SeenIds(long expected)
    {
        var bits = 10;
        while (bits < 21 && (1L << bits) * 4 < 5 * expected) bits++;
        (_slots, _shift) = (new (ulong, int)[1 << bits], 64 - bits);
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
    /// is megabytes and each id lands anywhere in it (a quarter of scoring 200,000 ECR-R rows, perf, issue 11). Only a
    /// hint: a moved or grown table costs nothing.</summary>
    public void Prefetch(ulong hash)
    {
        if (Sse.IsSupported)
            unsafe { Sse.Prefetch0(Unsafe.AsPointer(ref _slots[(int)(hash >> _shift)])); }
    }

    /// <summary>As <see cref="FirstLineOf(ReadOnlySpan{char}, int)"/>, for a hash from <see cref="Hash"/>.</summary>
    public int FirstLineOf(ulong hash, int line)
    {
        var mask = _slots.Length - 1;
        for (var at = (int)(hash >> _shift); ; at = (at + 1) & mask)
        {
            if (_slots[at].Hash == hash) return _slots[at].Line;
            if (_slots[at].Hash != 0) continue;
            _slots[at] = (hash, line);
            if (++_count > _slots.Length / 5 * 4) Grow();
            return 0;
        }
    }

    // Twice the size. A slot is chosen by the hash's top bits, so the old table read in order fills the new one
    // almost in order (slot i's hashes go to 2i or 2i + 1): a pass over memory, not a cache miss per id.
    void Grow()
    {
        var old = _slots;
        (_slots, _shift) = (new (ulong, int)[2 * old.Length], _shift - 1);
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Hash == 0) continue;
            var at = (int)(slot.Hash >> _shift);
            while (_slots[at].Hash != 0) at = (at + 1) & mask;
            _slots[at] = slot;
        }
    }
}
