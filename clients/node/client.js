'use strict';
// Lede from Node.js: @grpc/proto-loader reads the .proto files from the
// repository's proto/ folder at run time (no code generation), and
// @grpc/grpc-js makes the calls. Field names stay as the proto spells them
// (snake_case), enums come back as their names, and 64-bit ints as strings.

const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_ROOT = process.env.LEDE_PROTO_ROOT || path.resolve(__dirname, '..', '..', 'proto');

const packageDefinition = protoLoader.loadSync('lede/v1/article_service.proto', {
  includeDirs: [PROTO_ROOT],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});
const { lede } = grpc.loadPackageDefinition(packageDefinition);

/**
 * A client for lede.v1.ArticleService at `addr` ("host:port", plaintext h2c).
 * Over a headless Kubernetes Service pass "dns:///lede.NS.svc.cluster.local:50051":
 * the round_robin policy then spreads calls over every pod.
 */
function createClient(addr, credentials = grpc.credentials.createInsecure()) {
  return new lede.v1.ArticleService(addr, credentials, {
    'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
    'grpc.max_receive_message_length': -1,
  });
}

/** Calls a unary method and resolves with its answer; `deadlineMs` bounds it. */
function call(client, method, request, deadlineMs = 30_000) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + deadlineMs }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

/** AnalyzeArticle on plain text or HTML; `features` defaults to all four. */
function analyze(client, text, { id = '', features, encoding = 'ENCODING_TYPE_UTF16' } = {}) {
  const request = { document: { id, content: text }, encoding_type: encoding };
  if (features) {
    request.features = Object.fromEntries(['metadata', 'entities', 'quotes', 'summary'].map((f) => [f, features.includes(f)]));
  }
  return call(client, 'AnalyzeArticle', request);
}

/** Streams `requests` (AnalyzeArticleRequest objects) and resolves with every result. */
function analyzeStream(client, requests, deadlineMs = 60_000) {
  return new Promise((resolve, reject) => {
    const results = [];
    const stream = client.StreamAnalyzeArticles({ deadline: Date.now() + deadlineMs });
    stream.on('data', (msg) => results.push(msg.result));
    stream.on('error', reject);
    stream.on('end', () => resolve(results));
    for (const request of requests) stream.write({ request });
    stream.end();
  });
}

module.exports = { grpc, lede, createClient, call, analyze, analyzeStream, PROTO_ROOT };
