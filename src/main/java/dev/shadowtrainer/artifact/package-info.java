/**
 * Saved models in forms other programs read: the PPO actor-critic as ONNX ({@link
 * dev.shadowtrainer.artifact.OnnxPolicy}, built node by node from the DL4J weights) or plain JSON weights,
 * and {@code observation_spec.json} ({@link dev.shadowtrainer.artifact.LiveSpec}), how to build the
 * observation the model was trained on. {@link dev.shadowtrainer.artifact.ModelExport} writes them, each
 * file atomically. Reads saved models ({@code model}) and the network layout ({@code agent.ppo}); nothing
 * here trains or changes a model.
 */
package dev.shadowtrainer.artifact;
