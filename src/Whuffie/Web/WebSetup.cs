using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Whuffie.Web;

public static class WebSetup
{
    /// <summary>JSON, problem details and the OpenAPI document (OpenApiSetup) shared by every API.</summary>
    public static void AddWhuffieWeb(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        // A search may be 10,000 characters (Search.SearchQuery.MaxLength), escaped up to three times that in
        // the address; Kestrel's default request line (8 KB) would refuse it before we could answer properly.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestLineSize = 64 * 1024);
        // Binding failures (malformed JSON, a missing body) throw, so the handler below can
        // answer with what went wrong instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);
            ctx.ProblemDetails.Detail ??= ctx.ProblemDetails.Status switch
            {
                // Identity's endpoints list their errors without a summary; give one.
                400 when ctx.ProblemDetails is HttpValidationProblemDetails v && v.Errors.Count > 0 =>
                    string.Join(" ", v.Errors.Values.SelectMany(e => e)),
                401 => "Sign in first: send the accessToken from POST /api/v1/auth/login as 'Authorization: Bearer <token>'.",
                403 => "Your account may not do this.",
                404 => "There is nothing at this address.",
                405 => "This address does not take that method.",
                415 => "Send the body as JSON with 'Content-Type: application/json'.",
                _ => null,
            };
        });
        builder.Services.AddExceptionHandler<RequestProblemHandler>();
        builder.Services.AddWhuffieOpenApi();
        builder.AddSecurityHeaders();
    }

    public static void UseWhuffieWeb(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseWhen(PagesSetup.IsApi, b => b.UseStatusCodePages());
        // Pages get a page in the person's language; routing comes after this, so it re-runs.
        app.UseWhen(http => !PagesSetup.IsApi(http), b => b.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.MapOpenApi("/api/{documentName}/openapi.json");
    }

    /// <summary>Turns request-shaped failures into 400/409 problems; anything else stays a 500 and is logged.</summary>
    private sealed class RequestProblemHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            var (status, title, detail) = exception switch
            {
                BadHttpRequestException { InnerException: JsonException json } =>
                    (400, "The request body is not valid JSON", Describe(json)),
                BadHttpRequestException bad when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) =>
                    (400, "The request body is missing", "Send a JSON object with 'Content-Type: application/json'."),
                BadHttpRequestException bad =>
                    (bad.StatusCode, "Bad request", bad.Message),
                DbUpdateException db when IsUniqueViolation(db) =>
                    (409, "Conflict", "Someone else made the same change at the same moment; reload and try again."),
                _ => (0, "", ""),
            };
            if (status == 0) return false;

            http.Response.StatusCode = status;
            return await problems.TryWriteAsync(new()
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
        }

        // System.Text.Json's messages name .NET types; people need the place and what was expected.
        private static string Describe(JsonException json)
        {
            var path = json.Path is null or "$" ? null : json.Path.TrimStart('$', '.');
            var wrongType = json.Message.Contains("could not be converted", StringComparison.Ordinal);
            return (wrongType, path) switch
            {
                (true, null) => "The body must be a JSON object with the fields this endpoint takes.",
                (true, _) => $"'{path}' has the wrong type.",
                _ => $"The JSON breaks off or is malformed near line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}.",
            };
        }

        private static bool IsUniqueViolation(DbUpdateException db) => db.InnerException switch
        {
            Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
            Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            _ => false,
        };
    }
}
