using SfnResume.Aws;
using Xunit;

namespace SfnResume.Tests.Aws
{
    /// <summary>What users type where an execution is expected, told apart without a request.</summary>
    public sealed class ExecutionReferenceTests
    {
        [Theory]
        [InlineData("arn:aws:states:eu-west-1:123456789012:execution:Orders:run-42", ExecutionReferenceKind.ExecutionArn)]
        [InlineData("arn:aws:states:us-east-1:123456789012:express:Orders:quick:1f2e", ExecutionReferenceKind.ExecutionArn)]
        [InlineData("arn:aws-cn:states:cn-north-1:123456789012:execution:Orders:run-1", ExecutionReferenceKind.ExecutionArn)]
        [InlineData("arn:aws:states:bad", ExecutionReferenceKind.MalformedArn)]
        [InlineData("arn:aws:states:eu-west-1:123456789012:stateMachine:Orders", ExecutionReferenceKind.MalformedArn)]
        [InlineData("arn:aws:states:eu-west-1:123456789012:execution:Orders:", ExecutionReferenceKind.MalformedArn)]
        [InlineData("./nope.json", ExecutionReferenceKind.PathLike)]
        [InlineData("run-42.json", ExecutionReferenceKind.PathLike)]
        [InlineData("~/histories/run-42", ExecutionReferenceKind.PathLike)]
        [InlineData(@"C:\histories\run-42", ExecutionReferenceKind.PathLike)]
        [InlineData("run-42", ExecutionReferenceKind.Word)]
        public void A_value_is_an_execution_ARN_a_malformed_ARN_a_path_or_a_word(string value, ExecutionReferenceKind kind)
        {
            Assert.Equal(kind, ExecutionReference.Classify(value));
        }
    }
}
