using Spectre.Console;

namespace Origin.Cli.Output;

/// <summary>
/// Progress on long work: a bar when a person watches a terminal, and otherwise (a file, a pipe, a CI log) a plain
/// line at every tenth of the way, so logs stay short and readable.
/// </summary>
public sealed class ProgressDisplay(TextWriter output, bool interactive)
{
    public async Task<T> RunAsync<T>(string label, Func<IProgress<(int Done, int Total)>, Task<T>> work)
    {
        if (interactive)
        {
            T result = default!;
            await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(label), maxValue: 1);
                result = await work(new BarProgress(task));
                task.Value = task.MaxValue;
            });
            return result;
        }
        return await work(new LineProgress(output, label));
    }

    sealed class BarProgress(ProgressTask task) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }

    sealed class LineProgress(TextWriter output, string label) : IProgress<(int Done, int Total)>
    {
        int _lastTenth = -1;

        public void Report((int Done, int Total) value)
        {
            int tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (tenth == _lastTenth || value.Total < 20 && value.Done < value.Total) return;
            _lastTenth = tenth;
            output.WriteLine($"{label}: {value.Done}/{value.Total} fragments");
        }
    }
}
