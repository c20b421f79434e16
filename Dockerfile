# syntax=docker/dockerfile:1.7
# Lede's container image: a release build, then only the binary on distroless.
#
#   docker build -t lede .
#   docker run --rm -p 50051:50051 lede
#
# The `container` profile (Cargo.toml) is the release build stripped of its
# line tables. BuildKit (the default builder) keeps the cargo registry and target/ in
# cache mounts, so a rebuild after a source change recompiles only Lede.

ARG RUST_VERSION=1.95

FROM rust:${RUST_VERSION}-slim-bookworm AS build
WORKDIR /src
# Only what the build reads (see .dockerignore): the models and protos are
# compiled into the binary, so the runtime image needs no data files.
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/usr/local/cargo/git,sharing=locked \
    --mount=type=cache,target=/src/target,sharing=locked \
    cargo build --profile container --locked --bin lede \
    && install -D -m 0755 target/container/lede /out/lede

# glibc and libgcc_s, which is all the binary links; non-root by default.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/lede /usr/local/bin/lede
# 65532 is distroless's "nonroot": numeric, so runAsNonRoot can verify it.
USER 65532:65532
WORKDIR /
ENV LEDE_ADDR=0.0.0.0:50051 \
    LEDE_LOG_FORMAT=json
EXPOSE 50051
# The binary asks its own gRPC health service; no shell or curl in the image.
HEALTHCHECK --interval=10s --timeout=4s --start-period=5s --retries=3 \
    CMD ["/usr/local/bin/lede", "healthcheck", "--addr", "127.0.0.1:50051", "--timeout-secs", "3"]
# Exec form: lede is PID 1 and handles SIGTERM itself (NOT_SERVING, drain
# in-flight calls for LEDE_SHUTDOWN_GRACE_SECS, exit 0).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/lede"]
CMD ["serve"]
