// Lambda entry for the api function (being written)
export const handler = async (): Promise<void> => {};
