using System.Linq;
using System.Text.Json;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>Structural JSON equality: member order ignored, numbers compared by value.</summary>
    public static class JsonElementComparer
    {
        public static bool DeepEquals(JsonElement a, JsonElement b)
        {
            if (a.ValueKind != b.ValueKind)
            {
                return false;
            }

            switch (a.ValueKind)
            {
                case JsonValueKind.Object:
                    var left = a.EnumerateObject().OrderBy(p => p.Name, System.StringComparer.Ordinal).ToList();
                    var right = b.EnumerateObject().OrderBy(p => p.Name, System.StringComparer.Ordinal).ToList();
                    return left.Count == right.Count && left.Zip(right, (x, y) => x.Name == y.Name && DeepEquals(x.Value, y.Value)).All(same => same);
                case JsonValueKind.Array:
                    return a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray(), DeepEquals).All(same => same);
                case JsonValueKind.Number:
                    return a.GetDecimal() == b.GetDecimal();
                case JsonValueKind.String:
                    return a.GetString() == b.GetString();
                default:
                    return true;
            }
        }
    }
}
