using Origin.Media.Bytes;
using Origin.Media.Text;

namespace Origin.Media.Index.Serialization;

/// <summary>
/// A subtitle file's cues in the durable index: the language the document declares, then per cue its times,
/// placement and spans (style and text). Counts are checked against the bytes left, as everywhere in the format.
/// </summary>
static class SubtitleTrackPayload
{
    public static void Write(IndexPayloadWriter w, SubtitleTrack track)
    {
        w.String(track.Language ?? "");
        w.Int32(track.Cues.Count);
        foreach (var cue in track.Cues)
        {
            w.Int64(cue.Start);
            w.Int64(cue.End);
            w.Byte((byte)cue.Placement);
            w.Int32(cue.Spans.Count);
            foreach (var span in cue.Spans)
            {
                w.Byte((byte)span.Style);
                w.String(span.Text);
            }
        }
    }

    public static SubtitleTrack Read(ref BoxReader r)
    {
        var language = IndexSerializer.ReadString(ref r);
        int count = r.CheckCount((uint)r.ReadInt32(), 21);
        var cues = new List<SubtitleCue>(count);
        for (int i = 0; i < count; i++)
        {
            long start = r.ReadInt64(), end = r.ReadInt64();
            var placement = (CuePlacement)r.ReadByte();
            if (!Enum.IsDefined(placement) || end <= start) throw r.Error("not a subtitle cue");
            int spanCount = r.CheckCount((uint)r.ReadInt32(), 5);
            var spans = new CueSpan[spanCount];
            for (int s = 0; s < spanCount; s++)
            {
                var style = (CueStyle)r.ReadByte();
                spans[s] = new CueSpan(IndexSerializer.ReadString(ref r), style);
            }
            cues.Add(new SubtitleCue(start, end, spans, placement));
        }
        return new SubtitleTrack(cues, language: language.Length == 0 ? null : language);
    }
}
