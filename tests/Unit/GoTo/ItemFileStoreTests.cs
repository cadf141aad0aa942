using System;
using System.Linq;
using System.Threading.Tasks;
using Amazon.S3;
using SfnResume.Aws;
using SfnResume.GoTo.Distributed;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.GoTo
{
    /// <summary>
    /// The item files of a Distributed Map resume, through the real AWSSDK.S3 on the connection the Step
    /// Functions client uses (credentials, region, -EndpointUrl), against an S3 loopback on 127.0.0.1.
    /// </summary>
    public sealed class ItemFileStoreTests
    {
        private static ItemFileStore Store(S3Loopback s3) => new ItemFileStore(S3Clients.Create(AwsConnection.Resolve(new AwsConnectionSettings
        {
            AccessKey = "AKIDEXAMPLE",
            SecretKey = "secret",
            Region = "eu-west-1",
            EndpointUrl = s3.Url,
        })));

        [Fact]
        public async Task Reads_a_JSON_item_file_path_style_signed_for_S3_in_the_connections_region()
        {
            using var s3 = new S3Loopback();
            s3.Put("orders-bucket", "in/items.json", "[{\"id\":0},{ \"id\" : 1 },\"plain\",7]");

            var items = await Store(s3).ReadItemsAsync("orders-bucket", "in/items.json");

            Assert.Equal(new[] { "{\"id\":0}", "{ \"id\" : 1 }", "\"plain\"", "7" }, items);
            var request = s3.Requests.Single();
            Assert.Equal(("GET", "/orders-bucket/in/items.json"), (request.Method, request.Path));
            Assert.Contains("/eu-west-1/s3/aws4_request", request.Headers["Authorization"]);
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", request.Headers["Authorization"]);
        }

        [Fact]
        public async Task A_missing_item_file_is_S3s_not_found()
        {
            using var s3 = new S3Loopback();

            var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => Store(s3).ReadItemsAsync("orders-bucket", "gone.json"));

            Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        }

        [Fact]
        public async Task The_file_of_items_to_re_run_is_written_once_and_a_rerun_writes_nothing()
        {
            using var s3 = new S3Loopback();
            var file = new ItemFile("resume-bucket", "sfnresume/items/0123abcd.json", "[{\"index\":3,\"item\":{\"id\":3},\"replay\":1}]", 1);
            var store = Store(s3);

            var first = await store.WriteAsync(file);
            var again = await store.WriteAsync(file);

            Assert.Equal((ItemFileWrite.Written, ItemFileWrite.AlreadyThere), (first, again));
            Assert.Equal(file.Content, s3.Get("resume-bucket", "sfnresume/items/0123abcd.json"));
            Assert.Equal(1, s3.Count("PUT"));
            Assert.Equal(2, s3.Count("HEAD"));
            Assert.Equal("application/json", s3.Requests.Single(r => r.Method == "PUT").Headers["Content-Type"]);
        }

        [Fact]
        public void An_AWS_Step_Functions_endpoint_is_not_used_for_S3()
        {
            var connection = AwsConnection.Resolve(new AwsConnectionSettings { AccessKey = "AKIDEXAMPLE", SecretKey = "secret", Region = "eu-west-1", EndpointUrl = "https://vpce-0a1b.states.eu-west-1.vpce.amazonaws.com" });

            var client = (AmazonS3Client)S3Clients.Create(connection);

            Assert.Null(client.Config.ServiceURL);
            Assert.Equal("eu-west-1", client.Config.RegionEndpoint.SystemName);
        }
    }
}
