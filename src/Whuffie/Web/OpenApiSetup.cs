using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Whuffie.Web;

/// <summary>
/// What ASP.NET's generator leaves out of /api/v1/openapi.json, added once for every operation
/// rather than endpoint by endpoint: route parameters no handler binds ({org}, resolved by the
/// tenant filter), how to sign in, operation ids, and the 401/403 problems that sign-in and
/// roles answer with. tests/checkers/redocly.yaml holds the result to Redocly's rules.
/// </summary>
public static partial class OpenApiSetup
{
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";
    private const string Problem = "ProblemDetails";

    public static void AddWhuffieOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.AddOperationTransformer(DescribeOperationAsync);
            o.AddDocumentTransformer(DescribeDocumentAsync);
        });

    /// <summary>Marks an endpoint as answering 403 for people without the role (Access.RequireOrgRole).</summary>
    public static TBuilder ProducesForbidden<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]));

    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var path = "/" + (description.RelativePath ?? "");
        // Identity's endpoints come named "MapIdentityApi-/api/v1/auth/…", which is no name for a generated method.
        if (operation.OperationId is null || operation.OperationId.Contains('/'))
            operation.OperationId = OperationId(description.HttpMethod ?? "get", path);

        operation.Parameters ??= [];
        foreach (Match m in RouteParameter().Matches(path))
        {
            var name = m.Groups["name"].Value;
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name)) continue;
            var integer = m.Groups["constraint"].Value is "int" or "long";
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Schema = new OpenApiSchema { Type = integer ? JsonSchemaType.Integer : JsonSchemaType.String },
                Description = name == "org" ? "The organization's slug, as in its address (/{org})." : null,
            });
        }

        var metadata = description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, context.Document)] = [] },
            ];
            AddProblem(operation, context, "401", "Not signed in: no valid bearer token or sign-in cookie.");
        }
        else
        {
            // Anyone may call it; signed in, some answers say more (your vote, your role).
            operation.Security =
            [
                new OpenApiSecurityRequirement(),
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, context.Document)] = [] },
            ];
        }
        // Identity's endpoints answer a wrong password, token or code with a bare 401 that the API's status pages make a problem.
        if (path is "/api/v1/auth/login" or "/api/v1/auth/refresh" or "/api/v1/auth/confirmEmail")
            AddProblem(operation, context, "401", "The email and password, the refresh token or the confirmation code is wrong or expired.");
        // RequestProblemHandler answers a body that is not JSON, or is missing, with a 400 problem.
        if (operation.RequestBody is not null)
            AddProblem(operation, context, "400", "The body is missing, is not JSON, or breaks this operation's rules.");
        if (operation.Responses?.TryGetValue("403", out var forbidden) == true && string.IsNullOrEmpty(forbidden.Description))
            AddProblem(operation, context, "403", "Signed in, but this account may not do this.", replace: true);
        return Task.CompletedTask;
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, string status, string text, bool replace = false)
    {
        operation.Responses ??= [];
        if (!replace && operation.Responses.ContainsKey(status)) return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = text,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, context.Document) },
            },
        };
    }

    private static async Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Whuffie API";
        document.Info.Description = "Ideas, votes, comments and answers of the organizations on this installation. " +
            "Sign in with POST /api/v1/auth/login: its accessToken goes in 'Authorization: Bearer <token>'; " +
            "with ?useCookies=true it sets the sign-in cookie instead.";
        // Without servers a client resolves paths against the document's own address, which is right behind any proxy;
        // the generator would name the host this one request came in on.
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The accessToken that POST /api/v1/auth/login answers with (an opaque token, not a JWT).",
        };
        document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = context.ApplicationServices.GetRequiredService<IConfiguration>().CookieName(PagesSetup.CookieName),
            Description = "The sign-in cookie of the pages, or of POST /api/v1/auth/login?useCookies=true.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(Problem))
            document.Components.Schemas[Problem] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: ct);
    }

    /// <summary>
    /// The method and the path's words, camel-cased, with a trailing parameter as "By…":
    /// GET /api/v1/orgs/{org}/ideas/{number} is getOrgsIdeasByNumber. Unique while no two
    /// paths differ only in a parameter's place, which Redocly's operation-operationId-unique checks.
    /// </summary>
    internal static string OperationId(string method, string path)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipWhile(s => s is "api" or "v1").ToList();
        for (var i = 0; i < segments.Count; i++)
        {
            var match = RouteParameter().Match(segments[i]);
            if (!match.Success) Append(id, segments[i]);
            else if (i == segments.Count - 1) Append(id, "by-" + match.Groups["name"].Value);
        }
        return id.ToString();
    }

    private static void Append(StringBuilder id, string words)
    {
        foreach (var word in words.Split(['-', '.', '_'], StringSplitOptions.RemoveEmptyEntries))
            id.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:(?<constraint>[a-z]+))?[^}]*\}")]
    private static partial Regex RouteParameter();
}
