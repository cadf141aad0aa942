using Amazon.Runtime;

namespace SfnResume.Aws.Transport
{
    /// <summary>The raw JSON body of a successful call; the client deserializes it into the typed response.</summary>
    internal sealed class SfnOperationResponse : AmazonWebServiceResponse
    {
        public byte[] Body { get; set; } = new byte[0];
    }
}
