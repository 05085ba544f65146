using System;
using System.Globalization;

namespace CometGuard.Bench
{
    /// <summary>
    /// Ordinary business code: entities, services, repositories, formatting helpers, workflows and
    /// (outside plain mode) a third-party REST client. About 100 lines a file, with the usual mix of
    /// LINQ, async, string formatting and collections that Microsoft's analyzers look at.
    /// </summary>
    internal static class Business
    {
        public static readonly string[] Domains =
        {
            "Orders", "Customers", "Inventory", "Billing", "Shipping", "Catalog", "Payments", "Returns",
            "Pricing", "Accounts", "Warehouse", "Loyalty", "Support", "Reporting", "Scheduling", "Suppliers",
        };

        private static readonly string[] Nouns =
        {
            "Invoice", "Parcel", "Ticket", "Voucher", "Basket", "Refund", "Quote", "Contract",
            "Shipment", "Receipt", "Booking", "Account", "Product", "Supplier", "Order", "Customer",
        };

        private static readonly string[] Kinds = { "Entity", "Service", "Repository", "Formatter", "Workflow", "Records" };

        public static string Kind(Random random, bool plain)
        {
            // One business file in twenty talks to a third-party REST API (not a gateway).
            if (!plain && random.Next(20) == 0)
            {
                return "RestClient";
            }

            return Kinds[random.Next(Kinds.Length)];
        }

        public static void Write(CodeWriter w, string kind, string domain, int index, Random random)
        {
            var noun = Nouns[random.Next(Nouns.Length)];
            var name = noun + index.ToString(CultureInfo.InvariantCulture);
            var ns = "Contoso." + domain + "." + kind;
            switch (kind)
            {
                case "Entity":
                    Entity(w, ns, name, random);
                    break;
                case "Service":
                    Service(w, ns, name, random);
                    break;
                case "Repository":
                    Repository(w, ns, name, random);
                    break;
                case "Formatter":
                    Formatter(w, ns, name, random);
                    break;
                case "Workflow":
                    Workflow(w, ns, name, random);
                    break;
                case "RestClient":
                    RestClient(w, ns, name, random);
                    break;
                default:
                    Records(w, ns, name, random);
                    break;
            }

            Audit(w, ns, name, random);
        }

        /// <summary>A small audit helper beside every business type, as most code bases grow them.</summary>
        private static void Audit(CodeWriter w, string ns, string name, Random random)
        {
            w.Line();
            w.Open("namespace " + ns + ".Auditing");
            w.Open("internal static class " + name + "Audit");
            w.Line("private static readonly System.Collections.Generic.List<string> Entries = new System.Collections.Generic.List<string>();");
            w.Line();
            w.Open("public static void Record(string action, string? actor, System.DateTime when)");
            w.Open("if (string.IsNullOrEmpty(action))");
            w.Line("return;");
            w.Close();
            w.Line();
            w.Open("lock (Entries)");
            w.Line("Entries.Add(string.Format(\"{0:u} {1} {2}\", when, actor ?? \"system\", action));");
            w.Open("if (Entries.Count > " + (100 + random.Next(900)) + ")");
            w.Line("Entries.RemoveAt(0);");
            w.Close();
            w.Close();
            w.Close();
            w.Line();
            w.Line("public static int Count(string prefix) => System.Linq.Enumerable.Count(Entries, e => e.Contains(prefix));");
            w.Close();
            w.Close();
        }

        private static void Usings(CodeWriter w, params string[] extra)
        {
            w.Line("using System;");
            w.Line("using System.Collections.Generic;");
            w.Line("using System.Linq;");
            foreach (var u in extra)
            {
                w.Line("using " + u + ";");
            }

            w.Line();
        }

        private static void Entity(CodeWriter w, string ns, string name, Random random)
        {
            Usings(w, "System.Globalization", "System.Text");
            w.Open("namespace " + ns);
            w.Line("/// <summary>A " + name + " as stored and validated by the back office.</summary>");
            w.Open("public sealed class " + name + " : IEquatable<" + name + ">");
            w.Line("private readonly List<string> _tags = new List<string>();");
            w.Line();
            w.Open("public " + name + "(Guid id, string code, decimal amount, DateTime createdUtc)");
            w.Line("Id = id;");
            w.Line("Code = code ?? throw new ArgumentNullException(nameof(code));");
            w.Line("Amount = amount;");
            w.Line("CreatedUtc = createdUtc;");
            w.Close();
            w.Line();
            w.Line("public Guid Id { get; }");
            w.Line("public string Code { get; private set; }");
            w.Line("public decimal Amount { get; private set; }");
            w.Line("public DateTime CreatedUtc { get; }");
            w.Line("public string? Notes { get; set; }");
            w.Line("public IReadOnlyList<string> Tags => _tags;");
            var fields = 2 + random.Next(4);
            for (var f = 0; f < fields; f++)
            {
                w.Line("public int Counter" + f + " { get; set; }");
            }

            w.Line();
            w.Open("public void Rename(string code)");
            w.Open("if (string.IsNullOrWhiteSpace(code))");
            w.Line("throw new ArgumentException(\"Code must not be empty.\", nameof(code));");
            w.Close();
            w.Line();
            w.Line("Code = code.Trim().ToUpper();");
            w.Close();
            w.Line();
            w.Open("public void AddTag(string tag)");
            w.Open("if (!_tags.Contains(tag))");
            w.Line("_tags.Add(tag.ToLower());");
            w.Close();
            w.Close();
            w.Line();
            w.Open("public IEnumerable<string> Validate()");
            w.Open("if (Amount < 0)");
            w.Line("yield return string.Format(\"Amount {0} is negative.\", Amount);");
            w.Close();
            w.Line();
            w.Open("if (Code.Length > " + (8 + random.Next(24)) + ")");
            w.Line("yield return \"Code is too long: \" + Code;");
            w.Close();
            w.Line();
            w.Open("if (CreatedUtc > DateTime.UtcNow.AddMinutes(5))");
            w.Line("yield return \"Created in the future: \" + CreatedUtc.ToString();");
            w.Close();
            w.Close();
            w.Line();
            w.Open("public string Describe()");
            w.Line("var builder = new StringBuilder();");
            w.Line("builder.Append(Code).Append(\" \").Append(Amount.ToString(\"0.00\"));");
            w.Open("foreach (var tag in _tags.OrderBy(t => t))");
            w.Line("builder.Append(\" #\" + tag);");
            w.Close();
            w.Line();
            w.Line("return builder.ToString();");
            w.Close();
            w.Line();
            w.Line("public bool Equals(" + name + "? other) => other is not null && Id == other.Id;");
            w.Line();
            w.Line("public override bool Equals(object? obj) => obj is " + name + " other && Equals(other);");
            w.Line();
            w.Line("public override int GetHashCode() => Id.GetHashCode();");
            w.Line();
            w.Line("public override string ToString() => Code + \" (\" + Amount.ToString(CultureInfo.InvariantCulture) + \")\";");
            w.Close();
            w.Close();
        }

        private static void Service(CodeWriter w, string ns, string name, Random random)
        {
            Usings(w, "System.Threading", "System.Threading.Tasks");
            w.Open("namespace " + ns);
            w.Line("public sealed record " + name + "Line(string Sku, int Quantity, decimal UnitPrice);");
            w.Line();
            w.Open("public interface I" + name + "Store");
            w.Line("Task<IReadOnlyList<" + name + "Line>> LoadAsync(Guid id, CancellationToken cancellationToken);");
            w.Line("Task SaveAsync(Guid id, IReadOnlyList<" + name + "Line> lines, CancellationToken cancellationToken);");
            w.Close();
            w.Line();
            w.Open("public sealed class " + name + "Service");
            w.Line("private readonly I" + name + "Store _store;");
            w.Line("private readonly decimal _discountThreshold = " + (50 + random.Next(500)) + "m;");
            w.Line();
            w.Open("public " + name + "Service(I" + name + "Store store)");
            w.Line("_store = store;");
            w.Close();
            w.Line();
            w.Open("public async Task<decimal> TotalAsync(Guid id, CancellationToken cancellationToken)");
            w.Line("var lines = await _store.LoadAsync(id, cancellationToken);");
            w.Line("var gross = lines.Where(l => l.Quantity > 0).Sum(l => l.Quantity * l.UnitPrice);");
            w.Line("return gross > _discountThreshold ? Math.Round(gross * 0.95m, 2) : gross;");
            w.Close();
            w.Line();
            w.Open("public async Task<int> MergeAsync(Guid id, IEnumerable<" + name + "Line> incoming, CancellationToken cancellationToken)");
            w.Line("var lines = (await _store.LoadAsync(id, cancellationToken)).ToList();");
            w.Line("var merged = 0;");
            w.Open("foreach (var line in incoming)");
            w.Line("var existing = lines.FirstOrDefault(l => l.Sku == line.Sku);");
            w.Open("if (existing is null)");
            w.Line("lines.Add(line);");
            w.Close();
            w.Open("else");
            w.Line("lines.Remove(existing);");
            w.Line("lines.Add(existing with { Quantity = existing.Quantity + line.Quantity });");
            w.Line("merged++;");
            w.Close();
            w.Close();
            w.Line();
            w.Line("await _store.SaveAsync(id, lines, cancellationToken);");
            w.Line("return merged;");
            w.Close();
            w.Line();
            w.Open("public IReadOnlyDictionary<string, int> CountBySku(IEnumerable<" + name + "Line> lines)");
            w.Line("return lines.GroupBy(l => l.Sku).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));");
            w.Close();
            var extra = 1 + random.Next(4);
            for (var m = 0; m < extra; m++)
            {
                w.Line();
                w.Open("public IEnumerable<" + name + "Line> TopLines" + m + "(IEnumerable<" + name + "Line> lines, int count)");
                w.Open("if (count <= 0)");
                w.Line("throw new ArgumentOutOfRangeException(nameof(count));");
                w.Close();
                w.Line();
                w.Line("return lines.OrderByDescending(l => l.Quantity * l.UnitPrice).ThenBy(l => l.Sku).Take(count).ToArray();");
                w.Close();
            }

            w.Line();
            w.Open("public async Task<bool> WaitForStockAsync(Func<Task<int>> probe, CancellationToken cancellationToken)");
            w.Open("for (var attempt = 0; attempt < " + (2 + random.Next(5)) + "; attempt++)");
            w.Open("if (await probe() > 0)");
            w.Line("return true;");
            w.Close();
            w.Line();
            w.Line("await Task.Delay(TimeSpan.FromMilliseconds(100 * (attempt + 1)), cancellationToken);");
            w.Close();
            w.Line();
            w.Line("return false;");
            w.Close();
            w.Close();
            w.Close();
        }

        private static void Repository(CodeWriter w, string ns, string name, Random random)
        {
            Usings(w, "System.Collections.Concurrent", "System.Threading");
            w.Open("namespace " + ns);
            w.Line("public sealed record " + name + "Row(Guid Id, string Name, string Region, int Version, DateTimeOffset UpdatedAt);");
            w.Line();
            w.Open("public sealed class " + name + "Repository : IDisposable");
            w.Line("private readonly ConcurrentDictionary<Guid, " + name + "Row> _rows = new ConcurrentDictionary<Guid, " + name + "Row>();");
            w.Line("private readonly ReaderWriterLockSlim _lock = new ReaderWriterLockSlim();");
            w.Line("private readonly object _gate = new object();");
            w.Line("private int _writes;");
            w.Line();
            w.Line("public int Count => _rows.Count;");
            w.Line();
            w.Open("public " + name + "Row? Find(Guid id)");
            w.Line("return _rows.TryGetValue(id, out var row) ? row : null;");
            w.Close();
            w.Line();
            w.Open("public IReadOnlyList<" + name + "Row> Page(int page, int size, string? region = null)");
            w.Line("_lock.EnterReadLock();");
            w.Open("try");
            w.Line("IEnumerable<" + name + "Row> query = _rows.Values;");
            w.Open("if (region != null)");
            w.Line("query = query.Where(r => string.Equals(r.Region, region, StringComparison.OrdinalIgnoreCase));");
            w.Close();
            w.Line();
            w.Line("return query.OrderBy(r => r.Name).Skip(page * size).Take(size).ToList();");
            w.Close();
            w.Open("finally");
            w.Line("_lock.ExitReadLock();");
            w.Close();
            w.Close();
            w.Line();
            w.Open("public bool Upsert(" + name + "Row row)");
            w.Open("lock (_gate)");
            w.Line("_writes++;");
            w.Close();
            w.Line();
            w.Line("var added = true;");
            w.Line("_rows.AddOrUpdate(row.Id, row, (_, old) => { added = false; return old.Version >= row.Version ? old : row; });");
            w.Line("return added;");
            w.Close();
            w.Line();
            w.Open("public int Purge(DateTimeOffset olderThan)");
            w.Line("var stale = _rows.Values.Where(r => r.UpdatedAt < olderThan).Select(r => r.Id).ToList();");
            w.Open("foreach (var id in stale)");
            w.Line("_rows.TryRemove(id, out _);");
            w.Close();
            w.Line();
            w.Line("return stale.Count;");
            w.Close();
            w.Line();
            w.Open("public Dictionary<string, List<" + name + "Row>> ByRegion()");
            w.Line("var result = new Dictionary<string, List<" + name + "Row>>();");
            w.Open("foreach (var row in _rows.Values)");
            w.Open("if (!result.ContainsKey(row.Region))");
            w.Line("result[row.Region] = new List<" + name + "Row>();");
            w.Close();
            w.Line();
            w.Line("result[row.Region].Add(row);");
            w.Close();
            w.Line();
            w.Line("return result;");
            w.Close();
            var extra = random.Next(3);
            for (var m = 0; m < extra; m++)
            {
                w.Line();
                w.Open("public int CountWhereVersionAbove" + m + "(int version)");
                w.Line("return _rows.Values.Count(r => r.Version > version + " + m + ");");
                w.Close();
            }

            w.Line();
            w.Open("public void Dispose()");
            w.Line("_lock.Dispose();");
            w.Close();
            w.Close();
            w.Close();
        }

        private static void Formatter(CodeWriter w, string ns, string name, Random random)
        {
            Usings(w, "System.Globalization", "System.Text");
            w.Open("namespace " + ns);
            w.Open("public static class " + name + "Formatter");
            w.Line("private const string Separator = \";\";");
            w.Line();
            w.Open("public static string ToCsv(IEnumerable<(string Name, decimal Amount, DateTime When)> rows)");
            w.Line("var builder = new StringBuilder();");
            w.Line("builder.AppendLine(\"name;amount;when\");");
            w.Open("foreach (var row in rows)");
            w.Line("builder.Append(row.Name.Replace(Separator, \",\")).Append(Separator);");
            w.Line("builder.Append(row.Amount.ToString(\"F2\")).Append(Separator);");
            w.Line("builder.AppendLine(row.When.ToString(\"yyyy-MM-dd\"));");
            w.Close();
            w.Line();
            w.Line("return builder.ToString();");
            w.Close();
            w.Line();
            w.Open("public static IEnumerable<(string Name, decimal Amount, DateTime When)> FromCsv(string text)");
            w.Open("foreach (var line in text.Split('\\n').Skip(1))");
            w.Open("if (line.Trim().Length == 0)");
            w.Line("continue;");
            w.Close();
            w.Line();
            w.Line("var parts = line.Split(';');");
            w.Line("yield return (parts[0], decimal.Parse(parts[1]), DateTime.Parse(parts[2]));");
            w.Close();
            w.Close();
            w.Line();
            w.Open("public static string Slug(string title)");
            w.Line("var builder = new StringBuilder(title.Length);");
            w.Open("foreach (var c in title.ToLowerInvariant())");
            w.Open("if (char.IsLetterOrDigit(c))");
            w.Line("builder.Append(c);");
            w.Close();
            w.Open("else if (builder.Length > 0 && builder[builder.Length - 1] != '-')");
            w.Line("builder.Append('-');");
            w.Close();
            w.Close();
            w.Line();
            w.Line("return builder.ToString().Trim('-');");
            w.Close();
            w.Line();
            w.Open("public static string Money(decimal amount, string currency)");
            w.Line("return currency switch");
            w.Line("{");
            w.Line("    \"EUR\" => amount.ToString(\"N2\", CultureInfo.GetCultureInfo(\"de-DE\")) + \" EUR\",");
            w.Line("    \"GBP\" => \"GBP \" + amount.ToString(\"N2\", CultureInfo.GetCultureInfo(\"en-GB\")),");
            w.Line("    _ => string.Format(\"{0:N2} {1}\", amount, currency),");
            w.Line("};");
            w.Close();
            w.Line();
            w.Open("public static int ParseQuantity(string text)");
            w.Open("if (int.TryParse(text, out var value) && value >= 0)");
            w.Line("return value;");
            w.Close();
            w.Line();
            w.Line("return int.Parse(text.Trim().TrimEnd('x', 'X'));");
            w.Close();
            var extra = random.Next(4);
            for (var m = 0; m < extra; m++)
            {
                w.Line();
                w.Open("public static string Pad" + m + "(string value, int width)");
                w.Line("return value.Length >= width ? value.Substring(0, width) : value.PadRight(width + " + m + ", '.');");
                w.Close();
            }

            w.Close();
            w.Close();
        }

        private static void Workflow(CodeWriter w, string ns, string name, Random random)
        {
            Usings(w, "System.Threading", "System.Threading.Tasks");
            w.Open("namespace " + ns);
            w.Line("public enum " + name + "State { Draft, Submitted, Approved, Rejected, Archived }");
            w.Line();
            w.Open("public interface I" + name + "Step");
            w.Line("string Name { get; }");
            w.Line("Task<bool> RunAsync(" + name + "Context context, CancellationToken cancellationToken);");
            w.Close();
            w.Line();
            w.Open("public sealed class " + name + "Context");
            w.Line("public " + name + "State State { get; set; }");
            w.Line("public List<string> Audit { get; } = new List<string>();");
            w.Line("public Dictionary<string, object> Bag { get; } = new Dictionary<string, object>();");
            w.Close();
            w.Line();
            w.Open("public sealed class " + name + "Workflow");
            w.Line("private readonly IReadOnlyList<I" + name + "Step> _steps;");
            w.Line();
            w.Open("public " + name + "Workflow(IEnumerable<I" + name + "Step> steps)");
            w.Line("_steps = steps.ToList();");
            w.Close();
            w.Line();
            w.Open("public async Task<" + name + "State> RunAsync(" + name + "Context context, CancellationToken cancellationToken)");
            w.Open("foreach (var step in _steps)");
            w.Line("cancellationToken.ThrowIfCancellationRequested();");
            w.Line("var ok = await step.RunAsync(context, cancellationToken).ConfigureAwait(false);");
            w.Line("context.Audit.Add(DateTime.Now.ToString() + \" \" + step.Name + \": \" + (ok ? \"ok\" : \"failed\"));");
            w.Open("if (!ok)");
            w.Line("context.State = " + name + "State.Rejected;");
            w.Line("return context.State;");
            w.Close();
            w.Close();
            w.Line();
            w.Line("context.State = Next(context.State);");
            w.Line("return context.State;");
            w.Close();
            w.Line();
            w.Line("public static " + name + "State Next(" + name + "State state) => state switch");
            w.Line("{");
            w.Line("    " + name + "State.Draft => " + name + "State.Submitted,");
            w.Line("    " + name + "State.Submitted => " + name + "State.Approved,");
            w.Line("    " + name + "State.Approved => " + name + "State.Archived,");
            w.Line("    _ => state,");
            w.Line("};");
            w.Close();
            w.Line();
            w.Open("public sealed class " + name + "AmountCheck : I" + name + "Step");
            w.Line("private readonly decimal _limit = " + (1000 + random.Next(9000)) + "m;");
            w.Line();
            w.Line("public string Name => \"amount-check\";");
            w.Line();
            w.Open("public Task<bool> RunAsync(" + name + "Context context, CancellationToken cancellationToken)");
            w.Open("if (context.Bag.TryGetValue(\"amount\", out var value) && value is decimal amount)");
            w.Line("return Task.FromResult(amount <= _limit);");
            w.Close();
            w.Line();
            w.Line("return Task.FromResult(false);");
            w.Close();
            w.Close();
            w.Close();
        }

        private static void Records(CodeWriter w, string ns, string name, Random random)
        {
            Usings(w, "System.Text.Json.Serialization");
            w.Open("namespace " + ns);
            var count = 3 + random.Next(5);
            for (var r = 0; r < count; r++)
            {
                w.Line("/// <summary>Version " + r + " of the " + name + " contract.</summary>");
                w.Line("public sealed record " + name + "V" + r + "(");
                w.Line("    [property: JsonPropertyName(\"id\")] Guid Id,");
                w.Line("    [property: JsonPropertyName(\"name\")] string Name,");
                w.Line("    [property: JsonPropertyName(\"total\")] decimal Total,");
                w.Line("    [property: JsonPropertyName(\"items\")] IReadOnlyList<string> Items)");
                w.Open("");
                w.Line("public bool IsEmpty => Items.Count == 0;");
                w.Line();
                w.Line("public " + name + "V" + r + " WithItem(string item) => this with { Items = Items.Append(item).ToArray() };");
                w.Line();
                w.Line("public decimal Average() => Items.Count == 0 ? 0 : Total / Items.Count;");
                w.Close();
                w.Line();
            }

            w.Open("public static class " + name + "Mapping");
            w.Open("public static " + name + "V" + (count - 1) + " Upgrade(" + name + "V0 old)");
            w.Line("return new " + name + "V" + (count - 1) + "(old.Id, old.Name.Trim(), old.Total, old.Items.Where(i => !string.IsNullOrEmpty(i)).ToList());");
            w.Close();
            w.Close();
            w.Close();
        }

        private static void RestClient(CodeWriter w, string ns, string name, Random random)
        {
            // A third-party REST client: HttpClient and JSON, but no LLM gateway. Written carefully, so any
            // CometGuard diagnostic here is a false positive.
            Usings(w, "System.Net.Http", "System.Net.Http.Json", "System.Threading", "System.Threading.Tasks");
            w.Open("namespace " + ns);
            w.Line("public sealed record " + name + "Status(string TrackingId, string State, DateTimeOffset? DeliveredAt);");
            w.Line();
            w.Open("public sealed class " + name + "TrackingClient");
            w.Line("private readonly HttpClient _http;");
            w.Line();
            w.Open("public " + name + "TrackingClient(HttpClient http)");
            w.Line("_http = http;");
            w.Close();
            w.Line();
            w.Open("public async Task<" + name + "Status?> GetStatusAsync(string trackingId, CancellationToken cancellationToken)");
            w.Line("using var response = await _http.GetAsync(\"https://tracking.example.com/api/v2/parcels/\" + Uri.EscapeDataString(trackingId), cancellationToken);");
            w.Open("if (!response.IsSuccessStatusCode)");
            w.Line("return null;");
            w.Close();
            w.Line();
            w.Line("return await response.Content.ReadFromJsonAsync<" + name + "Status>(cancellationToken: cancellationToken);");
            w.Close();
            w.Line();
            w.Open("public async Task<IReadOnlyList<string>> ListCarriersAsync(CancellationToken cancellationToken)");
            w.Line("using var response = await _http.GetAsync(\"https://tracking.example.com/api/v2/carriers\", cancellationToken);");
            w.Line("response.EnsureSuccessStatusCode();");
            w.Line("var carriers = await response.Content.ReadFromJsonAsync<List<string>>(cancellationToken: cancellationToken);");
            w.Line("return carriers ?? new List<string>();");
            w.Close();
            w.Line();
            w.Open("public async Task<bool> SubscribeAsync(string trackingId, Uri callback, CancellationToken cancellationToken)");
            w.Line("var body = new { trackingId, callback = callback.ToString(), events = new[] { \"delivered\", \"exception\" } };");
            w.Line("using var response = await _http.PostAsJsonAsync(\"https://tracking.example.com/api/v2/subscriptions\", body, cancellationToken);");
            w.Line("return response.IsSuccessStatusCode;");
            w.Close();
            w.Close();
            w.Close();
            _ = random;
        }
    }
}
