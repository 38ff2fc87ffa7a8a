namespace Origin.Media.Boxes;

/// <summary>Finding children by type, the way the spec addresses them (moov/trak/mdia/minf/stbl).</summary>
public static class BoxTree
{
    public static T? Find<T>(this IEnumerable<Box> boxes) where T : Box
    {
        foreach (var box in boxes)
            if (box is T typed) return typed;
        return null;
    }

    public static Box? Find(this IEnumerable<Box> boxes, uint type)
    {
        foreach (var box in boxes)
            if (box.Type == type) return box;
        return null;
    }

    public static ContainerBox? Container(this IEnumerable<Box> boxes, uint type) => boxes.Find(type) as ContainerBox;

    public static IEnumerable<T> All<T>(this IEnumerable<Box> boxes) where T : Box
    {
        foreach (var box in boxes)
            if (box is T typed) yield return typed;
    }

    public static IEnumerable<ContainerBox> AllContainers(this IEnumerable<Box> boxes, uint type)
    {
        foreach (var box in boxes)
            if (box.Type == type && box is ContainerBox container) yield return container;
    }

    /// <summary>Follows a path of container types, e.g. <c>Path(trak, Mdia, Minf, Stbl)</c>.</summary>
    public static ContainerBox? Path(this ContainerBox root, params ReadOnlySpan<uint> types)
    {
        var current = root;
        foreach (var type in types)
        {
            current = current.Children.Container(type);
            if (current is null) return null;
        }
        return current;
    }

    public static T Required<T>(this IEnumerable<Box> boxes, uint parent) where T : Box =>
        boxes.Find<T>() ?? throw new Bytes.MediaFormatException($"missing {typeof(T).Name}", parent);
}
