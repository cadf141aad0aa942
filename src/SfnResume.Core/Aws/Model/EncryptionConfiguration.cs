namespace SfnResume.Aws.Model
{
    /// <summary>The EncryptionConfiguration response, as in the Step Functions API model.</summary>
    public sealed class EncryptionConfiguration
    {
        public string? KmsKeyId { get; set; }

        public int? KmsDataKeyReusePeriodSeconds { get; set; }

        /// <summary>AWS_OWNED_KEY or CUSTOMER_MANAGED_KMS_KEY.</summary>
        public string Type { get; set; } = string.Empty;
    }
}
