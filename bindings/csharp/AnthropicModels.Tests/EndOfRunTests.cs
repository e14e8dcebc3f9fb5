using System.Threading.Tasks;
using AnthropicModels.Interop;
using Xunit;

namespace AnthropicModels.Tests;

// The last collection of the run (RunsLastOrderer): whatever any other test left behind is
// still counted here.
[Collection(EndOfRunCollection.Name)]
public sealed class EndOfRunTests
{
    [Fact]
    public async Task NoHandleIsLeftAliveAtTheEndOfTheRun()
    {
        await LifetimeTests.WaitUntil(() => { LifetimeTests.ForceCollect(); return NativeHandle.LiveCount() == 0; });
        Assert.Equal(0, NativeCallbacks.UnexpectedFailures);
    }
}
