using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace SfnResume.GoTo.Distributed
{
    /// <summary>
    /// A Distributed Map's items: where they come from (<see cref="Describe"/> tells it from the Map state) and,
    /// once read, the items themselves in order, as JSON texts. Only the items of an <see cref="ItemSourceKind.Input"/>
    /// or <see cref="ItemSourceKind.S3Json"/> source are read; the others resume the Map whole.
    /// </summary>
    public sealed class MapItemSource
    {
        public MapItemSource(ItemSourceKind kind, string? bucket = null, string? key = null)
        {
            Kind = kind;
            Bucket = bucket;
            Key = key;
        }

        public ItemSourceKind Kind { get; }

        /// <summary>The ItemReader's bucket, when the definition names it (not a path into the input).</summary>
        public string? Bucket { get; }

        /// <summary>The ItemReader's key, when the definition names it.</summary>
        public string? Key { get; }

        /// <summary>The items in the order the Map read them, as JSON texts; null until read.</summary>
        public IReadOnlyList<string>? Items { get; set; }

        /// <summary>Why <see cref="Items"/> could not be read (S3 refused, the key is not known...), in words; null when not tried or read.</summary>
        public string? NotRead { get; set; }

        /// <summary>
        /// The items of a Map without an ItemReader: the array at its ItemsPath (after its InputPath) in the input
        /// it was entered with, as JSON texts; null when the paths are not plain or select no array.
        /// </summary>
        public static IReadOnlyList<string>? ItemsIn(JsonObject mapState, string mapInput)
        {
            var inputPath = GoTo.StateFields.Text(mapState, "InputPath") ?? "$";
            var itemsPath = GoTo.StateFields.Text(mapState, "ItemsPath") ?? "$";
            if (!DefinitePath.TrySelect(JsonNode.Parse(mapInput), inputPath, 1, out var effective) || !DefinitePath.TrySelect(effective, itemsPath, 1, out var items) || !(items is JsonArray array))
            {
                return null;
            }

            return array.Select(item => item?.ToJsonString() ?? "null").ToList();
        }

        /// <summary>Where the Map state reads its items from, as far as its definition says, and its bucket and key read from <paramref name="mapInput"/> when they are paths.</summary>
        /// <param name="mapInput">The input the Map state was entered with (before its InputPath); null when not known.</param>
        public static MapItemSource Describe(JsonObject mapState, string? mapInput = null)
        {
            if (!(mapState["ItemReader"] is JsonObject reader))
            {
                return new MapItemSource(ItemSourceKind.Input);
            }

            var resource = GoTo.StateFields.Text(reader, "Resource") ?? string.Empty;
            var parameters = reader["Parameters"] as JsonObject ?? reader["Arguments"] as JsonObject;
            var effective = mapInput != null && DefinitePath.TrySelect(JsonNode.Parse(mapInput), GoTo.StateFields.Text(mapState, "InputPath") ?? "$", 1, out var selected) ? selected : null;
            var bucket = parameters == null ? null : Parameter(parameters, "Bucket", effective);
            var key = parameters == null ? null : Parameter(parameters, "Key", effective);
            if (resource.EndsWith(":s3:listObjectsV2", StringComparison.Ordinal))
            {
                return new MapItemSource(ItemSourceKind.S3ObjectList, bucket);
            }

            var inputType = reader["ReaderConfig"] is JsonObject config ? GoTo.StateFields.Text(config, "InputType") : null;
            var kind = !resource.EndsWith(":s3:getObject", StringComparison.Ordinal) ? ItemSourceKind.Other : inputType switch
            {
                "JSON" => ItemSourceKind.S3Json,
                "CSV" => ItemSourceKind.S3Csv,
                "MANIFEST" => ItemSourceKind.S3Manifest,
                _ => ItemSourceKind.Other,
            };
            return new MapItemSource(kind, bucket, key);
        }
    
        /// <summary>A parameter written as a value, or as a plain path into the state's input.</summary>
        private static string? Parameter(JsonObject parameters, string name, JsonNode? effective)
        {
            if (GoTo.StateFields.Text(parameters, name) is string value)
            {
                return value;
            }

            return GoTo.StateFields.Text(parameters, name + ".$") is string path && path.StartsWith("$", StringComparison.Ordinal) && !path.StartsWith("$$", StringComparison.Ordinal) && (path.Length == 1 || path[1] == '.' || path[1] == '[')
                && DefinitePath.TrySelect(effective, path, 1, out var found) && found is JsonValue text && text.TryGetValue<string>(out var read) ? read : null;
        }
    }
}
