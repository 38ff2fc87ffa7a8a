using Origin.Media.Packaging.Naming;
using Origin.Serving.Configuration;

namespace Origin.Serving.Tests.Configuration;

public class QueryCarryTests
{
    static readonly QueryCarry Proxied = QueryCarry.For(proxied: true, carry: null, drop: []);

    [Theory]
    [InlineData("", "")]
    [InlineData("?", "")]
    [InlineData("?url=http%3A%2F%2Fmedia%2Fa.mp4", "?url=http%3A%2F%2Fmedia%2Fa.mp4")]
    [InlineData("?b=2&a=1", "?b=2&a=1")] // the order received
    [InlineData("?a=1&&b=2&", "?a=1&b=2")]
    [InlineData("?url=http://media/a.mp4?x=1", "?url=http://media/a.mp4?x=1")] // '/', ':', '?' are query characters
    [InlineData("?s=a$b&k=(x)*", "?s=a$b&k=(x)*")]
    [InlineData("?q=\"<x y>\"", "?q=%22%3Cx%20y%3E%22")]
    [InlineData("?t={start time}|^`\\", "?t=%7Bstart%20time%7D%7C%5E%60%5C")]
    [InlineData("?p=100%&r=%zz&ok=%2f", "?p=100%25&r=%25zz&ok=%2f")] // a '%' that escapes nothing is escaped itself
    [InlineData("?n=café☃", "?n=caf%C3%A9%E2%98%83")]
    [InlineData("?n=\U0001F3AC", "?n=%F0%9F%8E%AC")]
    [InlineData("?line=a\nb\r", "?line=a%0Ab%0D")]
    public void A_proxied_mount_carries_every_parameter_in_canonical_form(string query, string carried)
    {
        Assert.Equal(carried, Proxied.Select(query).Text);
        // A child request arrives with what the manifest wrote: it must select exactly that again.
        Assert.Equal(carried, Proxied.Select(carried).Text);
    }

    [Fact]
    public void Stored_mounts_carry_nothing_by_default()
    {
        var stored = QueryCarry.For(proxied: false, carry: null, drop: []);
        Assert.True(stored.Select("?token=abc&url=x").IsEmpty);
    }

    [Fact]
    public void Named_parameters_are_carried_and_dropped_ones_never()
    {
        var named = QueryCarry.For(proxied: false, carry: ["url", "filter"], drop: []);
        Assert.Equal("?url=x&filter=y", named.Select("?token=abc&url=x&filter=y").Text);
        var dropping = QueryCarry.For(proxied: true, carry: null, drop: ["hdnts", "token"]);
        Assert.Equal("?url=x", dropping.Select("?hdnts=exp%3D1~hmac%3Dab&url=x&token").Text);
        // Names compare decoded, so an escaped spelling is no way around a drop.
        Assert.Equal("?url=x", dropping.Select("?%74oken=abc&url=x").Text);
        var none = QueryCarry.For(proxied: true, carry: [], drop: []);
        Assert.True(none.Select("?url=x").IsEmpty);
    }

    [Fact]
    public void A_link_query_escapes_dollars_for_dash_templates_only()
    {
        var query = Proxied.Select("?s=a$b");
        Assert.Equal("?s=a$b", query.Text);
        Assert.Equal("?s=a$$b", query.ForTemplate);
        Assert.Throws<ArgumentException>(() => LinkQuery.FromCanonical("?a=\"b\""));
        Assert.Throws<ArgumentException>(() => LinkQuery.FromCanonical("a=b"));
    }
}
