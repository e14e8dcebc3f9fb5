// The official .NET SDK doing what bench/am_floor.cpp does, against the same am-mock-server: a
// warm Models.Retrieve and list-all with 1000-model pages (Paginate follows has_more/last_id),
// every id read. One client (MaxRetries 0), rounds interleaving the two kinds, one sample per
// call, after a warm-up long enough for tiered JIT to settle.
// Prints `result dotnet_<kind> median_us M p10_us A p90_us B n N [items I]`.
// Usage: dotnet PeerBench.dll BASE_URL [ROUNDS] [LIST_CALLS_PER_ROUND] [GET_CALLS_PER_ROUND]
using System.Diagnostics;
using Anthropic;
using Anthropic.Models.Models;

const string ModelId = "claude-opus-4-6";
string baseUrl = args[0];
int rounds = args.Length > 1 ? int.Parse(args[1]) : 20;
int listCalls = args.Length > 2 ? int.Parse(args[2]) : 10;
int getCalls = args.Length > 3 ? int.Parse(args[3]) : 200;

var client = new AnthropicClient { ApiKey = "x", BaseUrl = baseUrl, MaxRetries = 0 };

async Task<long> ListAll()
{
    long ids = 0;
    var page = await client.Models.List(new ModelListParams { Limit = 1000 });
    await foreach (var model in page.Paginate()) ids += model.ID.Length > 0 ? 1 : 0;
    return ids;
}

async Task<long> Get() => (await client.Models.Retrieve(ModelId)).ID.Length > 0 ? 1 : throw new Exception("no id");

var kinds = new[] {
    (Name: "dotnet_list_all", Calls: listCalls, Fn: (Func<Task<long>>)ListAll, Us: new List<double>(), List: true),
    (Name: "dotnet_get", Calls: getCalls, Fn: (Func<Task<long>>)Get, Us: new List<double>(), List: false),
};
var items = new long[kinds.Length];
for (int k = 0; k < kinds.Length; k++)  // warm-up: connection, tiered JIT
    for (int i = 0; i < Math.Max(50, kinds[k].Calls * 2); i++) items[k] = await kinds[k].Fn();
for (int r = 0; r < rounds; r++)
    for (int j = 0; j < kinds.Length; j++)
    {
        var k = kinds[(j + r) % kinds.Length];
        for (int i = 0; i < k.Calls; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await k.Fn();
            k.Us.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }
    }

static double Pct(List<double> v, double p)
{
    var s = v.OrderBy(x => x).ToList();
    return s[(int)Math.Round(p * (s.Count - 1))];
}
for (int k = 0; k < kinds.Length; k++)
{
    var (name, _, _, us, list) = kinds[k];
    Console.WriteLine(FormattableString.Invariant(
        $"result {name} median_us {Pct(us, 0.5):F1} p10_us {Pct(us, 0.1):F1} p90_us {Pct(us, 0.9):F1} n {us.Count}") +
        (list ? $" items {items[k]}" : ""));
}
