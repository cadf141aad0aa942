using System;
using System.Linq;
using System.Text.Json;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// <see cref="FailedMapRunScenario"/> played by the loopback that keeps execution state (<see cref="RedriveServer"/>:
    /// the parent, its Map Run, every child the run started, each with its own history and input) and an S3
    /// loopback holding the Map's item file, both behind one address as an emulator serves them: a request with
    /// an X-Amz-Target is Step Functions', any other is S3's (path-style). The parent "nightly" of "Orders" failed
    /// in "ProcessOrders" over <c>s3://orders/2026-12-04/orders.json</c>: items 0.. failed at "Charge card", then
    /// aborted in "Fetch order", then succeeded; the rest never started.
    /// </summary>
    public sealed class FailedMapRunWorld : IDisposable
    {
        public const string Bucket = "orders";
        public const string Key = "2026-12-04/orders.json";
        public static readonly string MapRunArn = $"{RedriveServer.Account}:mapRun:Orders/ProcessOrders:8f2c1b9e";

        public FailedMapRunWorld(int items, int failed, int aborted, int succeeded, bool itemFileThere = true)
        {
            var now = DateTime.UtcNow;
            Items = items;
            Failed = failed;
            Aborted = aborted;
            Succeeded = succeeded;
            Server.AddMachine("Orders", FailedMapRunScenario.ParentDefinition, now.AddDays(-30));
            Server.AddMachine("Orders/ProcessOrders", FailedMapRunScenario.ChildDefinition, now.AddDays(-30));
            var started = now.AddDays(-1).AddHours(-1);
            ParentArn = Server.AddExecution("Orders", "nightly", started, now.AddDays(-1), FailedMapRunScenario.ParentHistory(MapRunArn));
            var description = FailedMapRunScenario.Description(items, failed, aborted, succeeded);
            description["mapRunArn"] = MapRunArn;
            description["executionArn"] = ParentArn;
            Server.AddMapRun(MapRunArn, JsonSerializer.Serialize(description));
            for (var i = 0; i < failed + aborted + succeeded; i++)
            {
                var (status, history) = i < failed ? ("FAILED", FailedMapRunScenario.FailedChild(i))
                    : i < failed + aborted ? ("ABORTED", FailedMapRunScenario.AbortedChild(i))
                    : ("SUCCEEDED", HistoryServer.SimpleHistory(3));
                Server.AddExecution("Orders/ProcessOrders", $"c{i:D5}", started.AddSeconds(i % 3000), started.AddMinutes(55), history, status, redriveStatus: null, mapRunArn: MapRunArn, input: FailedMapRunScenario.Item(i));
            }

            if (itemFileThere)
            {
                S3.Put(Bucket, Key, "[" + string.Join(",", Enumerable.Range(0, items).Select(FailedMapRunScenario.Item)) + "]");
            }

            Endpoint = new LoopbackEndpoint(request => request.Headers.ContainsKey("X-Amz-Target") ? Server.Handle(request) : S3.Handle(request));
        }

        public RedriveServer Server { get; } = new RedriveServer();

        public S3Loopback S3 { get; } = new S3Loopback(listen: false);

        public LoopbackEndpoint Endpoint { get; }

        public string ParentArn { get; }

        public int Items { get; }

        public int Failed { get; }

        public int Aborted { get; }

        public int Succeeded { get; }

        public void Dispose() => Endpoint.Dispose();
    }
}
