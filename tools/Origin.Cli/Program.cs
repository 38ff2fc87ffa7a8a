using Origin.Cli;

return await OriginTool.RunAsync(args, Console.Out, Console.Error);
