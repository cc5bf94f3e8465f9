package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.fer4j.engine.InferenceEngine;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --engine} on predict, serve and spark predict: parsing, default, and a bad name. */
class InferenceEngineOptionTest {
  @Test
  void everyCommandTakesEitherEngineAndDefaultsToTheDocumentedOne() {
    PredictCommand predict = new PredictCommand();
    new CommandLine(predict).parseArgs("--engine", "djl", "photo.jpg");
    assertThat(predict.inference.engine()).isEqualTo(InferenceEngine.DJL);
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--engine", "ONNXRuntime");
    assertThat(serve.inference.engine()).isEqualTo(InferenceEngine.ONNXRUNTIME);
    SparkCommand.Predict spark = new SparkCommand.Predict();
    new CommandLine(spark).parseArgs("--input", "in", "--output", "out", "--engine", "djl");
    assertThat(spark.inference.engine()).isEqualTo(InferenceEngine.DJL);
    PredictCommand defaulted = new PredictCommand();
    new CommandLine(defaulted).parseArgs("photo.jpg");
    assertThat(defaulted.inference.engine()).isEqualTo(InferenceEngine.DEFAULT);
  }

  @Test
  void anUnknownEngineIsAUsageErrorListingTheValidOnes() {
    for (String command : new String[] {"predict", "serve"}) {
      Object[] r = command.equals("predict")
          ? CliTest.run("predict", "--engine", "tensorrt", "x.jpg")
          : CliTest.run("serve", "--engine", "tensorrt", "--port", "0");
      assertThat(r[0]).as(command).isEqualTo(2);
      // the first line of fer4j's own output (a logging library may warn before it)
      String error = ((String) r[2]).lines().filter(l -> !l.startsWith("SLF4J")).findFirst().orElse("");
      assertThat(error).as(command)
          .contains("--engine")
          .contains("unknown engine 'tensorrt'; choose one of djl, onnxruntime");
    }
  }
}
