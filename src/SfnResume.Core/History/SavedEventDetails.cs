using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using SfnResume.Aws.Model;
using SfnResume.Aws.Serialization;

namespace SfnResume.History
{
    /// <summary>
    /// The details objects of a saved history, in two steps. The scan indexes each one: which members it
    /// has, where their values lie, and a copy of the small ones that are no payloads (<see cref="Index"/>). An analysis that asks for an event's details
    /// gets them built from that index (<see cref="Build"/>) as the serializer reads
    /// <see cref="HistoryEventDetails"/> from the API (camelCase, case aside, unknown members kept), with the
    /// payloads (input, output, parameters, cause) left in the file until read: no payload is scanned twice.
    /// </summary>
    internal static class SavedEventDetails
    {
        private static readonly (DetailsMemberKind Kind, string Text, byte[] Utf8)[] Known =
        {
            Named(DetailsMemberKind.Name, "name"),
            Named(DetailsMemberKind.Input, "input"),
            Named(DetailsMemberKind.Output, "output"),
            Named(DetailsMemberKind.Error, "error"),
            Named(DetailsMemberKind.Cause, "cause"),
            Named(DetailsMemberKind.Resource, "resource"),
            Named(DetailsMemberKind.ResourceType, "resourceType"),
            Named(DetailsMemberKind.Parameters, "parameters"),
            Named(DetailsMemberKind.State, "state"),
            Named(DetailsMemberKind.Location, "location"),
            Named(DetailsMemberKind.Index, "index"),
            Named(DetailsMemberKind.Length, "length"),
            Named(DetailsMemberKind.MapRunArn, "mapRunArn"),
            Named(DetailsMemberKind.RedriveCount, "redriveCount"),
            Named(DetailsMemberKind.AssignedVariables, "assignedVariables"),
        };

        /// <summary>
        /// Reads the details object the reader stands on, adding one entry per member to <paramref name="index"/>.
        /// </summary>
        /// <param name="span">The reader's span, whose small non-payload values the index keeps.</param>
        /// <param name="position">Where the reader's span starts in the file.</param>
        /// <returns>False when the reader's buffer ends inside the object; the caller drops what was added.</returns>
        [MethodImpl(HotPath.Optimized)]
        public static bool Index(ref Utf8JsonReader reader, ReadOnlySpan<byte> span, long position, Utf8NameTable names, SavedDetailsIndex index)
        {
            while (true)
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    return true;
                }

                var kind = KindOf(ref reader, names, index, out var otherName);
                if (!reader.Read())
                {
                    return false;
                }

                var start = reader.TokenStartIndex;
                var token = reader.TokenType;
                if ((token == JsonTokenType.StartObject || token == JsonTokenType.StartArray) && !reader.TrySkip())
                {
                    return false;
                }

                var length = (int)(reader.BytesConsumed - start);
                index.Add(IsPayload(kind) || length > SavedDetailsIndex.MaxStoredLength
                    ? new DetailsMember(kind, otherName, token, position + start, length, isStored: false)
                    : new DetailsMember(kind, otherName, token, index.Store(span.Slice((int)start, length)), length, isStored: true));
            }
        }

        /// <summary>
        /// Builds the details known by <paramref name="key"/>, whose members are <paramref name="first"/> up to
        /// <paramref name="end"/> of the file's index; those the model does not name are built when first asked for
        /// (<see cref="BuildOtherMembers"/>).
        /// </summary>
        /// <exception cref="JsonException">Also InvalidOperationException, FormatException: a value of the wrong kind (see <see cref="SavedHistory.IsDamage"/>).</exception>
        [MethodImpl(HotPath.Optimized)]
        public static HistoryEventDetails Build(SavedHistoryFile file, int key, int first, int end)
        {
            var details = new HistoryEventDetails();
            for (var i = first; i < end; i++)
            {
                var member = file.Index[i];
                if (member.Kind == DetailsMemberKind.Other)
                {
                    details.DeferOtherMembers(file, key);
                    continue;
                }

                if (IsPayload(member.Kind))
                {
                    SetPayload(details, member.Kind, Payload(member, file));
                    continue;
                }

                var reader = new Utf8JsonReader(ValueBytes(file, member));
                reader.Read();
                var names = file.Names;
                switch (member.Kind)
                {
                    // Names and resources repeat on thousands of events: one string each.
                    case DetailsMemberKind.Name: details.Name = names.GetOrNull(ref reader); break;
                    case DetailsMemberKind.Error: details.Error = names.GetOrNull(ref reader); break;
                    case DetailsMemberKind.Resource: details.Resource = names.GetOrNull(ref reader); break;
                    case DetailsMemberKind.ResourceType: details.ResourceType = names.GetOrNull(ref reader); break;
                    case DetailsMemberKind.State: details.State = names.GetOrNull(ref reader); break;
                    case DetailsMemberKind.Location: details.Location = names.GetOrNull(ref reader); break;
                    case DetailsMemberKind.MapRunArn: details.MapRunArn = reader.GetString(); break;
                    case DetailsMemberKind.Index: details.Index = NullableInt(ref reader); break;
                    case DetailsMemberKind.Length: details.Length = NullableInt(ref reader); break;
                    case DetailsMemberKind.RedriveCount: details.RedriveCount = NullableInt(ref reader); break;
                    case DetailsMemberKind.AssignedVariables: details.AssignedVariables = Variables(ref reader); break;
                }
            }

            return details;
        }

        /// <summary>The members the model does not name, of the members <paramref name="first"/> up to <paramref name="end"/> of the file's index.</summary>
        /// <exception cref="JsonException">Also the other exceptions of <see cref="SavedHistory.IsDamage"/>.</exception>
        public static Dictionary<string, JsonElement>? BuildOtherMembers(SavedHistoryFile file, int first, int end)
        {
            Dictionary<string, JsonElement>? others = null;
            for (var i = first; i < end; i++)
            {
                var member = file.Index[i];
                if (member.Kind == DetailsMemberKind.Other)
                {
                    var bytes = ValueBytes(file, member);
                    var reader = new Utf8JsonReader(bytes);
                    reader.Read();
                    others ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                    others[file.Index.NameOf(member.OtherName)] = OtherValue(file.SmallValues, ref reader, bytes);
                }
            }

            return others;
        }

        /// <summary>A member's value as the scan kept it, or from the file.</summary>
        private static ReadOnlySpan<byte> ValueBytes(SavedHistoryFile file, DetailsMember member)
            => member.IsStored ? file.Index.StoredBytes(member) : file.Bytes(member.Start, member.Length);

        /// <summary>The value the reader stands on, whose text is <paramref name="bytes"/>: parsed once per distinct small value.</summary>
        private static JsonElement OtherValue(Utf8Table<JsonElement> smallValues, ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes)
        {
            if (smallValues.TryGet(bytes, out var known))
            {
                return known;
            }

            using var value = JsonDocument.ParseValue(ref reader);
            var element = value.RootElement.Clone();
            smallValues.Add(bytes, element);
            return element;
        }

        [MethodImpl(HotPath.Optimized)]
        private static DetailsMemberKind KindOf(ref Utf8JsonReader reader, Utf8NameTable names, SavedDetailsIndex index, out int otherName)
        {
            // The wire's camelCase, compared as UTF-8; then any other casing, as the serializer's options allow.
            otherName = -1;
            foreach (var known in Known)
            {
                if (reader.ValueTextEquals(known.Utf8))
                {
                    return known.Kind;
                }
            }

            // A name already numbered is known to be none of the model's (inputDetails on most events): no casing check again.
            var name = names.Get(ref reader);
            if (index.TryNumberOf(name, out var number))
            {
                otherName = number;
                return DetailsMemberKind.Other;
            }

            foreach (var known in Known)
            {
                if (string.Equals(name, known.Text, StringComparison.OrdinalIgnoreCase))
                {
                    return known.Kind;
                }
            }

            otherName = index.NumberOf(name);
            return DetailsMemberKind.Other;
        }

        /// <summary>Whether a member's value is a payload: left in the file, and decoded only when read.</summary>
        public static bool IsPayload(DetailsMemberKind kind)
            => kind == DetailsMemberKind.Input || kind == DetailsMemberKind.Output || kind == DetailsMemberKind.Parameters || kind == DetailsMemberKind.Cause;

        /// <summary>Whether an <c>outputDetails</c> object says <c>"truncated": true</c>.</summary>
        /// <exception cref="JsonException">The bytes are not one JSON object.</exception>
        public static bool SaysTruncated(ReadOnlySpan<byte> outputDetails)
        {
            var reader = new Utf8JsonReader(outputDetails);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTruncated = reader.ValueTextEquals(TruncatedName);
                reader.Read();
                if (isTruncated)
                {
                    return reader.TokenType == JsonTokenType.True;
                }

                reader.Skip();
            }

            return false;
        }

        private static readonly byte[] TruncatedName = Encoding.UTF8.GetBytes("truncated");

        /// <exception cref="JsonException">A payload that is neither a string nor null.</exception>
        public static LazyPayload Payload(DetailsMember member, IEventBytes file)
        {
            switch (member.Token)
            {
                case JsonTokenType.Null:
                    return new LazyPayload(null);
                case JsonTokenType.String:
                    return LazyPayload.Deferred(file, member.Start, member.Length);
                default:
                    throw new JsonException($"A payload ({member.Kind}) must be a string, found {member.Token}.");
            }
        }

        private static void SetPayload(HistoryEventDetails details, DetailsMemberKind kind, LazyPayload payload)
        {
            switch (kind)
            {
                case DetailsMemberKind.Input: details.SetInput(payload); break;
                case DetailsMemberKind.Output: details.SetOutput(payload); break;
                case DetailsMemberKind.Parameters: details.SetParameters(payload); break;
                default: details.SetCause(payload); break;
            }
        }

        private static int? NullableInt(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.Number:
                    return reader.GetInt32();
                default:
                    throw new JsonException($"Expected a number, found {reader.TokenType}.");
            }
        }

        private static Dictionary<string, string>? Variables(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"'assignedVariables' must be an object, found {reader.TokenType}.");
            }

            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString() ?? string.Empty;
                reader.Read();
                variables[name] = reader.GetString()!;
            }

            return variables;
        }

        private static (DetailsMemberKind, string, byte[]) Named(DetailsMemberKind kind, string text) => (kind, text, Encoding.UTF8.GetBytes(text));
    }
}
