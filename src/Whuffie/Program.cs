using Whuffie.Accounts;
using Whuffie.Answering;
using Whuffie.Background;
using Whuffie.Categories;
using Whuffie.Cli;
using Whuffie.Comments;
using Whuffie.Data;
using Whuffie.Deliveries;
using Whuffie.Demo;
using Whuffie.Following;
using Whuffie.Ideas;
using Whuffie.Launches;
using Whuffie.Limits;
using Whuffie.Mail;
using Whuffie.Notices;
using Whuffie.Observability;
using Whuffie.Organizations;
using Whuffie.Outbound;
using Whuffie.Reputation;
using Whuffie.Search;
using Whuffie.Voting;
using Whuffie.Web;

// `whuffie <command> …` runs an operator command; anything else starts the server.
var command = Commands.IsCommand(args);
var builder = WebApplication.CreateBuilder(command ? [] : args);
builder.AddWhuffieData();
builder.AddSharedKeys();
builder.AddAccounts();
builder.AddWhuffieWeb();
builder.AddWhuffiePages();
builder.AddBackgroundWork();
builder.AddMail();
builder.AddFollowing();
builder.AddAnswering();
builder.AddNotices();
builder.AddOutbound();
builder.AddDeliveries();
builder.AddObservability();
builder.AddRateLimits();

var app = builder.Build();
if (command) return await Commands.RunAsync(app.Services, args, Console.Out);

if (app.Configuration.GetValue("Database:MigrateOnStartup", true)) await app.Services.MigrateAsync();
if (app.Configuration.GetValue<bool>("Demo:SeedWhenEmpty")) await DemoData.SeedAsync(app.Services, Console.Out);

app.UseWhuffieWeb();
app.UseRouting();
app.UseLanguages();
app.UseAuthentication();
app.UseAuthorization();
app.UseWhuffiePages();
app.UseRateLimits();

app.MapAccountsApi();
app.MapMySubscriptionsApi();
app.MapOrganizationsApi();
var org = app.MapTenantApi();
org.MapMembersApi();
org.MapIdeasApi();
org.MapSimilarIdeasApi();
org.MapIdeaLanguageApi();
org.MapVotingApi();
org.MapCommentsApi();
org.MapHelpApi();
org.MapCreditsApi();
org.MapReputationApi();
app.MapChangelogFeed();
app.MapBrandStylesheet();
org.MapCategoriesApi();
org.MapNoticesApi();
org.MapSubscriptionsApi();
org.MapNoticeChannelsApi();
app.MapNoticeFeeds();
app.MapWhuffiePages();

await app.RunAsync();
return 0;

public partial class Program;
