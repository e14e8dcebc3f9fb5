using Xunit;

// One server for the run, and one test at a time: several tests count threads, handles and the
// server's request log, which concurrent tests would disturb.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: TestCollectionOrderer("AnthropicModels.Tests.RunsLastOrderer", AnthropicModels.Tests.ServerCollection.AssemblyName)]

namespace AnthropicModels.Tests;

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<MockServer>
{
    public const string Name = "am-mock-server";

#if LIBRARY_NETSTANDARD
    public const string AssemblyName = "AnthropicModels.Tests.NetStandard";
#else
    public const string AssemblyName = "AnthropicModels.Tests";
#endif
}

[CollectionDefinition(Name)]
public sealed class EndOfRunCollection
{
    public const string Name = "end of run";
}
