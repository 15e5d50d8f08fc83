using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Whuffie.Accounts;

namespace Whuffie.Web;

/// <summary>A page with forms that hands its work to the shared feature code and shows what it answered.</summary>
public abstract class FormPage : PageModel
{
    /// <summary>A refusal from the rules (409, 422…) to show at the top of the form.</summary>
    public string? Refusal { get; protected set; }

    public int? UserId => User.UserId();

    /// <summary>
    /// Reads what the shared feature code (the same handlers the API maps) answered: the value
    /// on success; otherwise the field errors go to ModelState and a refusal to <see cref="Refusal"/>.
    /// </summary>
    protected T? Outcome<T>(IResult result) where T : class
    {
        if (result is INestedHttpResult nested) result = nested.Result;
        switch (result)
        {
            case IValueHttpResult { Value: T value } when result is not ProblemHttpResult and not ValidationProblem:
                return value;
            case ValidationProblem invalid:
                AddErrors(invalid.ProblemDetails.Errors);
                return null;
            case ProblemHttpResult problem:
                Refusal = problem.ProblemDetails.Detail;
                ModelState.AddModelError("", Refusal ?? "");
                return null;
            default:
                throw new InvalidOperationException($"Unexpected result {result.GetType().Name}.");
        }
    }

    /// <summary>Field messages to show beside their fields; true when there were none.</summary>
    protected bool Accept(Validation validation)
    {
        AddErrors(validation.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        return validation.IsValid;
    }

    private void AddErrors(IDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
            foreach (var message in messages) ModelState.AddModelError(field, message);
    }

    /// <summary>The first message for a field, to show beside it.</summary>
    public string? ErrorFor(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>Fetch requests from site.js get JSON instead of a redirect.</summary>
    protected bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);
}
