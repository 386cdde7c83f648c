namespace SecureBase.Core.Instruments;

public enum Quadrant
{
    Secure,
    AnxiousPreoccupied,
    DismissingAvoidant,
    FearfulAvoidant,
}

// A point on the anxiety × avoidance plane. The quadrant is only the nearest descriptor: the cut
// lines are the scale midpoint, which is not a validated cut-off (reference §7.3a), so the UI shows
// dimensions first and the quadrant as explicitly approximate, or "near the boundary".
public sealed record PlanePoint(double Anxiety, double Avoidance, Quadrant NearestQuadrant, bool NearBoundary)
{
    public string Descriptor => NearBoundary
        ? $"Near the boundary between quadrants (approximate; nearest: {Plane.Name(NearestQuadrant)})"
        : $"Nearest quadrant, approximate: {Plane.Name(NearestQuadrant)}";
}

public static class Plane
{
    public static double Midpoint(ResponseScale scale) => (scale.Min + scale.Max) / 2.0;

    // boundaryMargin: how close to a cut line counts as "near the boundary", e.g. the measurement
    // error band from a norm set. Zero means only a point exactly on a line is near it.
    public static PlanePoint Place(double anxiety, double avoidance, double midpoint, double boundaryMargin)
    {
        var highAnxiety = anxiety > midpoint;
        var highAvoidance = avoidance > midpoint;
        var quadrant = (highAnxiety, highAvoidance) switch
        {
            (false, false) => Quadrant.Secure,
            (true, false) => Quadrant.AnxiousPreoccupied,
            (false, true) => Quadrant.DismissingAvoidant,
            (true, true) => Quadrant.FearfulAvoidant,
        };
        var near = Math.Abs(anxiety - midpoint) <= boundaryMargin || Math.Abs(avoidance - midpoint) <= boundaryMargin;
        return new PlanePoint(anxiety, avoidance, quadrant, near);
    }

    public static string Name(Quadrant quadrant) => quadrant switch
    {
        Quadrant.Secure => "Secure (low anxiety, low avoidance)",
        Quadrant.AnxiousPreoccupied => "Anxious–preoccupied (high anxiety, low avoidance)",
        Quadrant.DismissingAvoidant => "Dismissing–avoidant (low anxiety, high avoidance)",
        Quadrant.FearfulAvoidant => "Fearful–avoidant (high anxiety, high avoidance)",
        _ => throw new ArgumentOutOfRangeException(nameof(quadrant)),
    };
}
