using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Amazon.Runtime;
using SfnResume.MapRuns;

namespace SfnResume.GoTo.Distributed
{
    /// <summary>
    /// Reads what the precise resume of a failed top-level Distributed Map needs, through the drill-down's
    /// reader (<see cref="MapRunReader"/>: the same listing, window and pacing): the run's counts
    /// (DescribeMapRun), each failed, timed-out and aborted child's failure point (its own history: the
    /// top-level processor state it stopped in, that state's input and variables, and its item from its
    /// ExecutionStarted event), each succeeded or unfinished child's input (one DescribeExecution each), and the
    /// items (the JSON file its ItemReader names, through AWSSDK.S3, or the array in the Map's input). The
    /// children are not read when the items cannot be: the Map then re-runs whole, and says why.
    /// </summary>
    public sealed class DistributedMapRunReader
    {
        private readonly MapRunReader reader;
        private readonly Func<ItemFileStore>? store;

        /// <param name="store">The S3 store the items are read with, made on first use; null: items in S3 are not read.</param>
        public DistributedMapRunReader(MapRunReader reader, Func<ItemFileStore>? store)
        {
            this.reader = reader;
            this.store = store;
        }

        /// <summary>
        /// The plan of a precise resume of <paramref name="parent"/>'s failed Distributed Map on <paramref name="copy"/>;
        /// null when the point did not fail in a top-level Distributed Map the copy has a twin of (another path
        /// says why). Blocks: the children are read a window at a time.
        /// </summary>
        /// <param name="definitionJson">The definition the failed run ran.</param>
        /// <param name="progress">Children read so far, and how many there are to read (null when not known).</param>
        /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
        public DistributedResumePlan? Plan(FailurePoint parent, GoToDefinition copy, string definitionJson, ItemFileLocation? location, CancellationToken cancellationToken, Action<int, long?>? progress = null)
        {
            if (parent.MapRun == null || parent.ResumeState == null || !System.Linq.Enumerable.Contains(copy.DistributedTwins, parent.ResumeState))
            {
                return null;
            }

            var run = Read(parent, definitionJson, cancellationToken, progress);
            return run == null ? null : DistributedResumePlanner.Plan(run, copy, definitionJson, location);
        }

        /// <summary>The run as <see cref="DistributedResumePlanner"/> takes it; null when the point names no top-level Distributed Map of the definition.</summary>
        public DistributedMapRun? Read(FailurePoint parent, string definitionJson, CancellationToken cancellationToken, Action<int, long?>? progress = null)
        {
            var name = parent.ResumeState;
            var run = parent.MapRun;
            var states = JsonNode.Parse(definitionJson, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })?["States"] as JsonObject;
            if (name == null || run == null || !(states?[name] is JsonObject state) || !DistributedTwin.IsDistributed(state))
            {
                return null;
            }

            if (!run.Described)
            {
                reader.DescribeAsync(run, cancellationToken).GetAwaiter().GetResult();
            }

            IReadOnlyList<ItemFileEntry>? entries = null;
            var items = run.ItemFile == null ? ReadItems(state, parent.ResumeInput, cancellationToken) : ReadEntries(run.ItemFile, cancellationToken, out entries);
            var children = new List<MapRunChild>();
            if (items.Items != null)
            {
                var total = run.ExecutionCounts?.Total;
                foreach (var failed in reader.Children(run, cancellationToken))
                {
                    children.Add(FromFailure(failed));
                    progress?.Invoke(children.Count, total);
                }

                foreach (var other in reader.OtherChildren(run, cancellationToken))
                {
                    children.Add(new MapRunChild(other.Listed.Status == "SUCCEEDED" ? MapRunChildStatus.Succeeded : MapRunChildStatus.Running, other.Input)
                    {
                        ExecutionArn = other.Listed.ExecutionArn,
                        NotRead = other.Error == null ? null : NotReadBecause(other.Error),
                    });
                    progress?.Invoke(children.Count, total);
                }
            }

            return new DistributedMapRun(name, parent.ResumeInput, items, children)
            {
                RecordedItemCount = run.ItemCounts?.Total,
                MapRunArn = run.MapRunArn,
                ResumedEntries = entries,
            };
        }

        /// <summary>
        /// The entries of the item file a resumed run's Map ran (<c>s3://bucket/key</c>), and their items as the
        /// Map's items; why not, when the file cannot be read or is not one SfnResume wrote.
        /// </summary>
        private MapItemSource ReadEntries(string itemFile, CancellationToken cancellationToken, out IReadOnlyList<ItemFileEntry>? entries)
        {
            entries = null;
            var slash = itemFile.IndexOf('/', "s3://".Length);
            var source = new MapItemSource(ItemSourceKind.S3Json, itemFile.Substring("s3://".Length, slash - "s3://".Length), itemFile.Substring(slash + 1));
            var read = Read(source, cancellationToken);
            if (read.Items == null)
            {
                return read;
            }

            var parsed = new List<ItemFileEntry>(read.Items.Count);
            foreach (var text in read.Items)
            {
                if (!(ItemFileEntry.Parse(text) is ItemFileEntry entry))
                {
                    read.Items = null;
                    read.NotRead = $"{itemFile}, the item file the resumed run ran, is not one SfnResume wrote (an entry without its index, item and replay)";
                    return read;
                }

                parsed.Add(entry);
            }

            entries = parsed;
            read.Items = parsed.ConvertAll(e => e.Item);
            return read;
        }

        /// <summary>The Map's items, or why they were not read (<see cref="MapItemSource.NotRead"/>).</summary>
        private MapItemSource ReadItems(JsonObject state, string? mapInput, CancellationToken cancellationToken)
        {
            var source = MapItemSource.Describe(state, mapInput);
            if (source.Kind == ItemSourceKind.Input)
            {
                source.Items = mapInput == null ? null : MapItemSource.ItemsIn(state, mapInput);
                source.NotRead = mapInput == null ? "the input the Map was entered with was not recorded" : source.Items == null ? "its ItemsPath selects no array of the input it was entered with" : null;
                return source;
            }

            if (source.Kind != ItemSourceKind.S3Json)
            {
                return source;
            }

            if (source.Bucket == null || source.Key == null)
            {
                source.NotRead = "its ItemReader's Bucket and Key could not be worked out from the definition and the input the Map was entered with";
                return source;
            }

            return Read(source, cancellationToken);
        }

        /// <summary>The JSON array at the source's bucket and key, through AWSSDK.S3; why not, when S3 will not give it.</summary>
        private MapItemSource Read(MapItemSource source, CancellationToken cancellationToken)
        {
            if (store == null)
            {
                source.NotRead = "S3 is not read here";
                return source;
            }

            try
            {
                source.Items = store().ReadItemsAsync(source.Bucket!, source.Key!, cancellationToken).GetAwaiter().GetResult();
            }
            catch (AmazonServiceException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                source.NotRead = $"s3://{source.Bucket}/{source.Key} is not there (S3 answered 404: {e.ErrorCode}); the run read it, so it was moved or deleted since";
            }
            catch (AmazonServiceException e)
            {
                source.NotRead = $"S3 refused GetObject on s3://{source.Bucket}/{source.Key} ({e.ErrorCode ?? e.StatusCode.ToString()}: {e.Message})";
            }
            catch (AmazonClientException e)
            {
                source.NotRead = $"s3://{source.Bucket}/{source.Key} could not be read ({e.Message})";
            }
            catch (JsonException e)
            {
                source.NotRead = $"s3://{source.Bucket}/{source.Key} is not a JSON array ({e.Message})";
            }

            return source;
        }

        /// <summary>Why a child was not read, in AWS's words: its code and message (a refusal names the permission).</summary>
        private static string NotReadBecause(Exception error) => error is AmazonServiceException aws && !string.IsNullOrEmpty(aws.ErrorCode) ? $"{aws.ErrorCode}: {aws.Message}" : error.Message;

        private static MapRunChild FromFailure(MapRunChildFailure failed)
        {
            var status = failed.Listed.Status switch
            {
                "FAILED" => MapRunChildStatus.Failed,
                "TIMED_OUT" => MapRunChildStatus.TimedOut,
                _ => MapRunChildStatus.Aborted,
            };
            var point = failed.Point;
            return new MapRunChild(status, point?.ExecutionInput)
            {
                ExecutionArn = failed.Listed.ExecutionArn,
                NotRead = failed.Error == null ? null : NotReadBecause(failed.Error),
                ResumeState = point?.ResumeState,
                ResumeInput = point?.ResumeInput,
                Variables = point?.Variables ?? new Dictionary<string, string>(StringComparer.Ordinal),
                LogsProblem = point?.LogsProblem,
            };
        }
    }
}
