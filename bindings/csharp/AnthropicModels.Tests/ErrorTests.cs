using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Xunit;

namespace AnthropicModels.Tests;

public sealed class ErrorTests : ServerTests
{
    public ErrorTests(MockServer server) : base(server) { }

    public static TheoryData<int, Type, ModelsStatus, string> HttpFailures => new()
    {
        { 400, typeof(BadRequestException), ModelsStatus.BadRequest, "invalid_request_error" },
        { 422, typeof(BadRequestException), ModelsStatus.BadRequest, "invalid_request_error" },
        { 401, typeof(AuthenticationException), ModelsStatus.Authentication, "authentication_error" },
        { 403, typeof(PermissionDeniedException), ModelsStatus.Permission, "permission_error" },
        { 404, typeof(NotFoundException), ModelsStatus.NotFound, "not_found_error" },
        { 409, typeof(ConflictException), ModelsStatus.Conflict, "conflict_error" },
        { 413, typeof(RequestTooLargeException), ModelsStatus.RequestTooLarge, "request_too_large" },
        { 429, typeof(RateLimitException), ModelsStatus.RateLimited, "rate_limit_error" },
        { 529, typeof(OverloadedException), ModelsStatus.Overloaded, "overloaded_error" },
        { 500, typeof(ServerErrorException), ModelsStatus.Server, "api_error" },
        { 503, typeof(ServerErrorException), ModelsStatus.Server, "api_error" },
        { 418, typeof(UnexpectedStatusException), ModelsStatus.Http, "invalid_request_error" },
    };

    [Theory]
    [MemberData(nameof(HttpFailures))]
    public async Task EveryHttpFailureHasItsExceptionType(int status, Type type, ModelsStatus expected, string errorType)
    {
        using ModelsClient client = Server.Client(o => o.MaxRetries = 0);
        string id = $"fault-{status}";  // the fault answers this path only
        Server.AddFault($$"""{"action":"respond","status":{{status}},"path_prefix":"/v1/models/{{id}}"}""");

        var e = (AnthropicModelsException)await Assert.ThrowsAsync(type, () => client.RetrieveAsync(id));
        Assert.Equal(expected, e.Status);
        Assert.Equal(status, e.HttpStatus);
        Assert.Equal(errorType, e.ErrorType);
        Assert.StartsWith("req_mock_", e.RequestId);
        Assert.Contains(e.RequestId!, e.Message);
        Assert.Equal(1, e.Attempts);
        Assert.Null(e.RetryAfter);
        Assert.Single(Requests());
    }

    [Fact]
    public async Task TimeoutIsApiTimeoutException()
    {
        using ModelsClient client = Server.Client(o => { o.MaxRetries = 0; o.Timeout = TimeSpan.FromMilliseconds(200); });
        Server.AddFault("""{"action":"never_answer"}""");

        ApiTimeoutException e = await Assert.ThrowsAsync<ApiTimeoutException>(() => client.RetrieveAsync("claude-opus-4-6"));
        Assert.Null(e.HttpStatus);
        Assert.Equal(ModelsStatus.Timeout, e.Status);
    }

    [Fact]
    public async Task DeadlineBoundsRetriesAndBackoff()
    {
        using ModelsClient client = Server.Client(o => { o.MaxRetries = 5; o.Deadline = TimeSpan.FromMilliseconds(300); });
        Server.AddFault("""{"action":"respond","status":503,"headers":{"retry-after":"0.1"},"times":-1}""");

        var clock = Stopwatch.StartNew();
        AnthropicModelsException e = await Assert.ThrowsAnyAsync<AnthropicModelsException>(() => client.RetrieveAsync("claude-opus-4-6"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{clock.Elapsed} for a 300 ms deadline");
        // Retried (every 100 ms) until the next retry would overshoot the deadline.
        Assert.True(e is ApiTimeoutException or ServerErrorException, e.GetType().Name);
        Assert.InRange(Requests().Count, 2, 4);
        Assert.Equal(Requests().Count, e.Attempts);
    }

    [Fact]
    public async Task ResetConnectionIsConnectionException()
    {
        using ModelsClient client = Server.Client(o => o.MaxRetries = 0);
        Server.AddFault("""{"action":"reset_before_headers"}""");

        ConnectionException e = await Assert.ThrowsAsync<ConnectionException>(() => client.RetrieveAsync("claude-opus-4-6"));
        Assert.Null(e.HttpStatus);
        Assert.Equal(1, e.Attempts);
    }

    [Fact]
    public async Task RefusedConnectionIsConnectionException()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();  // nothing listens there now
        using var client = new ModelsClient(Server.Options(o => { o.BaseUrl = $"http://127.0.0.1:{port}"; o.MaxRetries = 0; }));

        await Assert.ThrowsAsync<ConnectionException>(() => client.RetrieveAsync("claude-opus-4-6"));
    }

    [Fact]
    public async Task TlsHandshakeFailureIsTlsException()
    {
        // The server speaks plain HTTP: the handshake fails.
        using var client = new ModelsClient(Server.Options(o => { o.BaseUrl = Server.BaseUrl.Replace("http://", "https://"); o.MaxRetries = 0; }));

        await Assert.ThrowsAsync<TlsException>(() => client.RetrieveAsync("claude-opus-4-6"));
    }

    [Fact]
    public async Task MalformedBodyIsDecodeExceptionAndNotRetried()
    {
        using ModelsClient client = Server.Client(o => o.MaxRetries = 2);
        Server.AddFault("""{"action":"malformed","times":-1}""");

        DecodeException e = await Assert.ThrowsAsync<DecodeException>(() => client.ListAsync());
        Assert.Equal(ModelsStatus.Decode, e.Status);
        Assert.Single(Requests());
    }

    [Fact]
    public async Task OversizedBodyIsResponseTooLargeException()
    {
        using ModelsClient client = Server.Client(o => o.MaxResponseBytes = 4096);
        Server.AddFault("""{"action":"oversize","size":1000000}""");

        await Assert.ThrowsAsync<ResponseTooLargeException>(() => client.ListAsync());
    }

    [Fact]
    public async Task RedirectIsNotFollowed()
    {
        using ModelsClient client = Server.Client(o => o.MaxRetries = 0);
        Server.AddFault("""{"action":"redirect","status":302,"location":"/v1/models/claude-opus-4-6"}""");

        UnexpectedStatusException e = await Assert.ThrowsAsync<UnexpectedStatusException>(() => client.RetrieveAsync("claude-2.1"));
        Assert.Equal(302, e.HttpStatus);
        Assert.Single(Requests());
    }

    [Fact]
    public async Task MissingCredentialIsAuthenticationExceptionWithNothingSent()
    {
        using var client = new ModelsClient(new ModelsClientOptions { BaseUrl = Server.BaseUrl, IgnoreEnvironment = true });

        AuthenticationException e = await Assert.ThrowsAsync<AuthenticationException>(() => client.RetrieveAsync("claude-opus-4-6"));
        Assert.Null(e.HttpStatus);
        Assert.Equal(0, e.Attempts);
        Assert.Empty(Requests());
    }

    [Fact]
    public async Task InvalidParametersAreArgumentExceptionsNamingTheProperty()
    {
        using ModelsClient client = Server.Client();

        ArgumentException limit = Assert.Throws<ArgumentException>(() => { _ = client.ListAsync(new ModelListParams { Limit = 5000 }); });
        Assert.Equal("parameters", limit.ParamName);
        Assert.StartsWith("Limit: ", limit.Message);
        Assert.Throws<ArgumentException>(() => client.List(new ModelListParams { MaxPages = 0 }));
        ArgumentException both = await Assert.ThrowsAsync<ArgumentException>(
            () => client.ListAsync(new ModelListParams { AfterId = "a", BeforeId = "b" }));
        Assert.Contains("after_id", both.Message);
        Assert.Empty(Requests());
    }

    [Fact]
    public async Task RetriesAreCountedFromTheServerLog()
    {
        using ModelsClient client = Server.Client(o => o.MaxRetries = 2);
        Server.AddFault("""{"action":"respond","status":429,"headers":{"retry-after":"0"},"times":2}""");

        ModelInfo m = await Within(client.RetrieveAsync("claude-opus-4-6"));
        Assert.Equal("claude-opus-4-6", m.Id);
        Assert.Equal(3, Requests("/v1/models/claude-opus-4-6").Count);
    }

    [Fact]
    public async Task ExhaustedRetriesReportEveryAttempt()
    {
        using ModelsClient client = Server.Client(o => o.MaxRetries = 2);
        Server.AddFault("""{"action":"respond","status":503,"headers":{"retry-after":"0"},"times":-1}""");

        ServerErrorException e = await Assert.ThrowsAsync<ServerErrorException>(() => client.RetrieveAsync("claude-opus-4-6"));
        Assert.Equal(3, e.Attempts);
        Assert.Equal(3, Requests().Count);
        Assert.Contains("3 attempts", e.Message);
    }

    [Fact]
    public async Task RetryAfterAboveTheCapStopsAtOnceAndReportsTheDelay()
    {
        using ModelsClient client = Server.Client(o => { o.MaxRetries = 3; o.RetryAfterCap = TimeSpan.FromSeconds(1); });
        Server.AddFault("""{"action":"respond","status":429,"headers":{"retry-after":"30"},"times":-1}""");

        var clock = Stopwatch.StartNew();
        RateLimitException e = await Assert.ThrowsAsync<RateLimitException>(() => client.RetrieveAsync("claude-opus-4-6"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
        Assert.Equal(TimeSpan.FromSeconds(30), e.RetryAfter);
        Assert.Equal(1, e.Attempts);
        Assert.Single(Requests());
    }

    [Fact]
    public void SynchronousCallsThrowTheSameExceptions()
    {
        using ModelsClient client = Server.Client(o => o.MaxRetries = 0);
        NotFoundException e = Assert.Throws<NotFoundException>(() => client.Retrieve("no-such-model"));
        Assert.Equal("not_found_error", e.ErrorType);
        Server.AddFault("""{"action":"respond","status":529}""");
        Assert.Throws<OverloadedException>(() => client.ListAll());
    }
}
