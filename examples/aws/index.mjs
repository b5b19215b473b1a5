// The function's entry point (Handler: index.handler): stageform's handler, unchanged.
export { handler } from 'stageform/lambda';
