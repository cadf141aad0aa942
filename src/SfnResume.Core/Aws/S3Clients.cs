using System;
using Amazon.S3;

namespace SfnResume.Aws
{
    /// <summary>
    /// An S3 client (AWSSDK.S3) on the same connection as the Step Functions client: the same credentials and
    /// region. Its endpoint: one given for S3; else the Step Functions endpoint when that was given and is not
    /// AWS's (an emulator such as LocalStack serves S3 on the same address), path-style; else the SDK's own
    /// (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, or the region's S3 endpoint).
    /// </summary>
    public static class S3Clients
    {
        public static IAmazonS3 Create(AwsConnection connection, Uri? s3EndpointUrl = null)
        {
            var config = new AmazonS3Config();
            var endpoint = s3EndpointUrl ?? (connection.EndpointUrl != null && connection.EndpointVariable == null && !connection.IsAwsEndpoint ? connection.EndpointUrl : null);
            if (endpoint != null)
            {
                config.ServiceURL = endpoint.ToString();
                config.AuthenticationRegion = connection.Region.SystemName;
                config.ForcePathStyle = true;
            }
            else
            {
                config.RegionEndpoint = connection.Region;
            }

            return connection.Credentials == null ? new AmazonS3Client(config) : new AmazonS3Client(connection.Credentials, config);
        }
    }
}
