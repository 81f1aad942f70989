# A one-node Ceph cluster (mon, mgr, one BlueStore OSD on a sparse file, RGW on :7480) for trying
# camvault's s3 store: the repository's .ci/ceph-cluster, which the tests use too, in a container.
# Demo only: one OSD keeps one copy of everything. Data in /var/lib/ceph-demo; the S3 user's keys
# in /var/lib/ceph-demo/s3.env (copied readable to /run/ceph-demo-keys for the camvault container).
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ceph-mon ceph-mgr ceph-osd radosgw ceph-common curl \
    && rm -rf /var/lib/apt/lists/*
COPY .ci/ceph-cluster /usr/local/bin/ceph-cluster
ENV CEPH_CLUSTER_RGW=0.0.0.0:7480 CEPH_CLUSTER_FOREGROUND=1
VOLUME ["/var/lib/ceph-demo", "/run/ceph-demo-keys"]
EXPOSE 7480
ENTRYPOINT ["bash", "-c", "ceph-cluster up /var/lib/ceph-demo >/dev/null & up=$!; \
  until [ -s /var/lib/ceph-demo/s3.env ] && curl -s -o /dev/null http://127.0.0.1:7480/; do sleep 1; done; \
  install -m 644 /var/lib/ceph-demo/s3.env /run/ceph-demo-keys/s3.env; \
  trap 'kill -TERM $up; wait $up' TERM INT; wait $up"]
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:7480/"]
