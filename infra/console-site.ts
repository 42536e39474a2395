import { type CfnElement, Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { API_CORS, API_CSP, CONSOLE_CSP, DOCS_CSP, DOCS_PATH } from '../shared/api/security-headers.js';

export interface ConsoleSiteProps {
  /** The API the console calls: CloudFront sends /v1/*, /openapi.json and /health to it. */
  readonly httpApi: HttpApi;
  /**
   * The built console (`npm run build:console` writes console/dist), uploaded under /console/.
   * @default - no upload: the bucket and distribution only (tests of the rest of the stack)
   */
  readonly assets?: string;
}

/**
 * Where paths go before CloudFront looks anything up: `/` and `/docs` lead to the console and its
 * API reference, and folder paths get their index.html (S3 has no directory index).
 */
const VIEWER_REQUEST = `
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var redirects = { '/': '/console/', '/console': '/console/', '/docs': '/console/docs/', '/docs/': '/console/docs/' };
  if (redirects[uri]) {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: redirects[uri] } } };
  }
  if (uri.endsWith('/')) request.uri = uri + 'index.html';
  return request;
}`;

/**
 * After the response-headers policy has added the console's headers: the API docs page gets its
 * own Content-Security-Policy, the console's plus the sandbox that gives it an opaque origin.
 */
const VIEWER_RESPONSE = `
function handler(event) {
  var response = event.response;
  if (event.request.uri.indexOf(${JSON.stringify(DOCS_PATH)}) === 0) {
    response.headers['content-security-policy'] = { value: ${JSON.stringify(DOCS_CSP)} };
  }
  return response;
}`;

/**
 * The console's static files in a private S3 bucket behind CloudFront (origin access control),
 * with the API behind the same distribution, so the console calls it on its own origin and the
 * Lambda functions never carry the console. Every answer carries the security headers the local
 * runtime sends (shared/api/security-headers.ts); the API docs page is sandboxed, so it reaches
 * its files and the API through CORS.
 */
export class ConsoleSite extends Construct {
  public readonly bucket: Bucket;
  public readonly distribution: Distribution;
  public readonly deployment?: BucketDeployment;

  public constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: false,
    });

    // One policy for the console's files, one for the API's answers.
    const headersPolicy = (id: string, csp: string, cors: { methods: string[]; originOverride: boolean }) =>
      new ResponseHeadersPolicy(this, id, {
        comment: `Material Alerts: security headers and CORS (${id})`,
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
          referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
          strictTransportSecurity: { accessControlMaxAge: Duration.days(365), override: true },
        },
        corsBehavior: {
          accessControlAllowCredentials: false,
          accessControlAllowOrigins: ['*'],
          accessControlAllowMethods: cors.methods,
          accessControlAllowHeaders: [...API_CORS.allowHeaders],
          accessControlExposeHeaders: [...API_CORS.exposeHeaders],
          accessControlMaxAge: Duration.seconds(API_CORS.maxAgeSeconds),
          originOverride: cors.originOverride,
        },
      });

    // https://abc.execute-api.region.amazonaws.com → its host name.
    const apiHost = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint));
    const api: BehaviorOptions = {
      origin: new HttpOrigin(apiHost, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // Everything the API reads (Authorization, query, body) except Host, which must be API Gateway's.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      // The API answers CORS itself (preflights name each path's methods); CloudFront adds the
      // headers only where an answer has none, such as the stage's own throttle answer.
      responseHeadersPolicy: headersPolicy('Api', API_CSP, { methods: ['ALL'], originOverride: false }),
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Material Alerts console and API',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        // The files are public and the sandboxed docs page loads them from its opaque origin.
        responseHeadersPolicy: headersPolicy('Console', CONSOLE_CSP, {
          methods: ['GET', 'HEAD'],
          originOverride: true,
        }),
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new EdgeFunction(this, 'Paths', {
              comment: 'Redirects / and /docs; serves index.html for folder paths',
              runtime: FunctionRuntime.JS_2_0,
              code: FunctionCode.fromInline(VIEWER_REQUEST),
            }),
          },
          {
            eventType: FunctionEventType.VIEWER_RESPONSE,
            function: new EdgeFunction(this, 'DocsSandbox', {
              comment: 'Sandboxes the API docs page (its Content-Security-Policy)',
              runtime: FunctionRuntime.JS_2_0,
              code: FunctionCode.fromInline(VIEWER_RESPONSE),
            }),
          },
        ],
      },
      additionalBehaviors: { '/v1/*': api, '/openapi.json': api, '/health': api },
    });

    if (props.assets) {
      this.deployment = new BucketDeployment(this, 'Upload', {
        sources: [Source.asset(props.assets)],
        destinationBucket: this.bucket,
        destinationKeyPrefix: 'console/',
        distribution: this.distribution,
        distributionPaths: ['/console/*'],
        // Pages are revalidated; hashed assets (their names change with their content) are cached.
        cacheControl: [CacheControl.fromString('public, max-age=300, must-revalidate')],
        memoryLimit: 512,
      });
      // The upload runs in CDK's own deployment function (one per stack), which CDK writes.
      const uploader = this.deployment.handlerRole.node.scope;
      if (uploader) {
        const assets = 'arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*';
        const files = `<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/*`;
        Validations.of(uploader).acknowledge(
          {
            id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
            reason:
              "CDK's deployment function logs through AWSLambdaBasicExecutionRole, which only creates and writes its CloudWatch log streams",
          },
          ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map(
            (action) => ({
              id: `AwsSolutions-IAM5[Action::${action}]`,
              reason:
                'CDK grants its deployment function these read, list and replace actions on the asset bucket and the console bucket only, to copy the build',
            }),
          ),
          {
            id: `AwsSolutions-IAM5[Resource::${assets}]`,
            reason:
              "The deployment function reads the console build from the CDK bootstrap asset bucket's objects",
          },
          {
            id: `AwsSolutions-IAM5[Resource::${files}]`,
            reason:
              'The deployment function replaces the objects of the console bucket, and of no other bucket',
          },
          {
            id: 'AwsSolutions-IAM5[Resource::*]',
            reason:
              "CDK's deployment function invalidates the distribution's cache (cloudfront:CreateInvalidation takes no resource narrower than *)",
          },
          {
            id: 'AwsSolutions-L1',
            reason:
              'The runtime of the deployment function is chosen by the CDK version in package-lock.json and moves with it; it runs only during deploys',
          },
        );
      }
    }

    // cdk-nag (AwsSolutions) findings that stand, each with its reason.
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the public build of the console, read by CloudFront alone; who asked for what is in the API access logs, where it matters',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Subscribers are companies in many countries and the rules concern trade between them: no country is excluded',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The API checks a hashed API key on every call and rate-limits per key, and the stage throttles overall; static files need no WAF',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'API requests are logged by the API Gateway stage (access logs) and the function; the static console files need no separate access log',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses the default cloudfront.net certificate, whose protocol floor CloudFront sets; a custom domain brings its own certificate and TLSv1.2_2021',
      },
    );
  }
}
