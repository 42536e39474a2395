// Lambda entry for the dispatcher function (being written)
export const handler = async (): Promise<void> => {};
