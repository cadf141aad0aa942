namespace SfnResume.Aws
{
    /// <summary>What a value given as an execution is, judged from its text alone (no file system, no request).</summary>
    public enum ExecutionReferenceKind
    {
        /// <summary>An execution ARN (Standard or Express).</summary>
        ExecutionArn,

        /// <summary>Starts like an ARN but is not an execution ARN: a typo, or another resource's ARN.</summary>
        MalformedArn,

        /// <summary>Meant as a path: it has a separator, starts with ~, or has a file extension.</summary>
        PathLike,

        /// <summary>A bare word such as an execution's name: neither an ARN nor a path.</summary>
        Word,
    }
}
