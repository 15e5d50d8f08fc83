global using Microsoft.Playwright;
global using Whuffie.BrowserTests.Infrastructure;
