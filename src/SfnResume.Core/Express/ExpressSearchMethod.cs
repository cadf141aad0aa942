namespace SfnResume.Express
{
    /// <summary>How the failed Express executions of a state machine are looked for in its log group.</summary>
    public enum ExpressSearchMethod
    {
        /// <summary>
        /// FilterLogEvents with a filter pattern on the failure records: no charge beyond the logs' storage, pages
        /// as the records are read; 5 calls a second per account and region, shared with every other reader.
        /// </summary>
        FilterLogEvents,

        /// <summary>
        /// A Logs Insights query (StartQuery, then GetQueryResults until it completes): billed per GB scanned, one of
        /// the account's concurrent queries while it runs, at most 10,000 rows a query (the window is then queried again from the last row).
        /// </summary>
        LogsInsights,
    }
}
