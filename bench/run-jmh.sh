#!/usr/bin/env bash
# JMH benchmarks of the pure cores (bench/jmh): installs the project jar into the local Maven repository, builds
# the benchmark module and runs it. Extra arguments go to JMH (e.g. a benchmark regex, -f 1 -wi 3 -i 5).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
mvn -B -q -f bench/jmh/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/cp.txt
java -cp "bench/jmh/target/classes:$(cat bench/jmh/target/cp.txt)" org.openjdk.jmh.Main "$@"
