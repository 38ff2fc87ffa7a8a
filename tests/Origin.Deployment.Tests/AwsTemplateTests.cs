using Origin.Testing;
using YamlDotNet.RepresentationModel;

namespace Origin.Deployment.Tests;

/// <summary>The SAM template, parsed as YAML (CloudFormation tags kept as tags) and checked for its wiring.</summary>
public class AwsTemplateTests
{
    static YamlMappingNode Template()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "infra", "aws", "template.yaml"))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    static YamlMappingNode Resource(string name) => (YamlMappingNode)((YamlMappingNode)Template()["Resources"])[name];
    static YamlMappingNode Properties(string name) => (YamlMappingNode)Resource(name)["Properties"];

    [Fact]
    public void The_function_runs_the_packaged_app_behind_the_web_adapter_layer()
    {
        var function = Properties("OriginFunction");
        Assert.Equal("AWS::Serverless::Function", Resource("OriginFunction")["Type"].ToString());
        Assert.Equal("provided.al2023", function["Runtime"].ToString());
        Assert.Equal("bootstrap", function["Handler"].ToString());
        Assert.Equal("../../artifacts/aws/lambda", function["CodeUri"].ToString());
        var layer = ((YamlSequenceNode)function["Layers"]).Children.Single();
        Assert.Contains("753240598075:layer:${Name}", ((YamlSequenceNode)layer).Children[0].ToString());
        var allowed = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)Template()["Parameters"])["Architecture"])["AllowedValues"]).Children.Select(c => c.ToString());
        Assert.Equal(["x86_64", "arm64"], allowed);
    }

    [Fact]
    public void The_adapter_port_readiness_path_and_streaming_match_the_app()
    {
        var variables = (YamlMappingNode)((YamlMappingNode)Properties("OriginFunction")["Environment"])["Variables"];
        Assert.Equal("8080", variables["AWS_LWA_PORT"].ToString());
        Assert.Equal("/healthz", variables["AWS_LWA_READINESS_CHECK_PATH"].ToString());
        Assert.Equal("response_stream", variables["AWS_LWA_INVOKE_MODE"].ToString());
        Assert.Equal("RESPONSE_STREAM", ((YamlMappingNode)Properties("OriginFunction")["FunctionUrlConfig"])["InvokeMode"].ToString());
        Assert.Equal("s3://${MediaBucket}", variables["Origin__Mounts__vod__Storage"].ToString());
        Assert.Equal("s3://${IndexCacheBucket}", variables["Origin__IndexCache"].ToString());
        Assert.Equal("/vod", variables["Origin__Mounts__vod__Path"].ToString());
    }

    [Fact]
    public void The_role_reads_media_and_writes_only_index_cache_objects()
    {
        var policies = ((YamlSequenceNode)Properties("OriginFunction")["Policies"]).Children.Cast<YamlMappingNode>().ToList();
        Assert.Equal("MediaBucket", ((YamlMappingNode)policies[0]["S3ReadPolicy"])["BucketName"].ToString());
        var statement = (YamlMappingNode)((YamlSequenceNode)policies[1]["Statement"]).Children.Single();
        Assert.Equal(["s3:GetObject", "s3:PutObject"], ((YamlSequenceNode)statement["Action"]).Children.Select(a => a.ToString()));
        Assert.Equal("${IndexCacheBucket.Arn}/*", statement["Resource"].ToString());
        Assert.Equal(2, policies.Count);
    }

    [Fact]
    public void Cloudfront_caches_by_full_url_and_is_the_only_way_in()
    {
        var keys = (YamlMappingNode)((YamlMappingNode)Properties("CachePolicy")["CachePolicyConfig"])["ParametersInCacheKeyAndForwardedToOrigin"];
        Assert.Equal("all", ((YamlMappingNode)keys["QueryStringsConfig"])["QueryStringBehavior"].ToString());
        Assert.Equal("none", ((YamlMappingNode)keys["CookiesConfig"])["CookieBehavior"].ToString());
        Assert.Equal("AWS_IAM", ((YamlMappingNode)Properties("OriginFunction")["FunctionUrlConfig"])["AuthType"].ToString());
        Assert.Equal("lambda", ((YamlMappingNode)Properties("OriginAccessControl")["OriginAccessControlConfig"])["OriginAccessControlOriginType"].ToString());
        Assert.Equal("cloudfront.amazonaws.com", Properties("CloudFrontInvokePermission")["Principal"].ToString());
        var behavior = (YamlMappingNode)((YamlMappingNode)Properties("Distribution")["DistributionConfig"])["DefaultCacheBehavior"];
        Assert.Equal(["GET", "HEAD", "OPTIONS"], ((YamlSequenceNode)behavior["AllowedMethods"]).Children.Select(m => m.ToString()));
    }
}
