// Runs the test collection named EndOfRunCollection.Name after every other one (test parallelism
// is off, so collections run one after another): its handle accounting sees what all the other
// tests left behind.
using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace AnthropicModels.Tests;

public sealed class RunsLastOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName.EndsWith(EndOfRunCollection.Name, StringComparison.Ordinal) ? 1 : 0)
                       .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
