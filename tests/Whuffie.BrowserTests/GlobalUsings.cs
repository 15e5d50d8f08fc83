global using Microsoft.Playwright;
global using Whuffie.BrowserTests.Infrastructure;
global using static Microsoft.Playwright.Assertions;
